import { eq } from 'drizzle-orm';
import { endSessionsOfUser } from '../auth/sessions.js';
import type { Queryable } from '../db/database.js';
import { users } from '../db/schema/users.js';
import { removeRecoveryCodes } from './recovery-codes.js';

/**
 * Turns a user's two-factor sign-in off: the key and the recovery codes go, and the user's
 * sessions end but the one given (the user's own, turning it off itself).
 */
export async function clearTwoFactor(tx: Queryable, userId: string, now: Date, keepSessionId: string | null) {
  await tx
    .update(users)
    .set({ twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorLastStep: null, updatedAt: now })
    .where(eq(users.id, userId));
  await removeRecoveryCodes(tx, userId);
  await endSessionsOfUser(tx, userId, keepSessionId);
}
