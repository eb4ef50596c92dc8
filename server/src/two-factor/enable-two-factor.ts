import { eq } from 'drizzle-orm';
import { record } from '../audit/record.js';
import { endSessionsOfUser } from '../auth/sessions.js';
import type { Context } from '../context.js';
import { users } from '../db/schema/users.js';
import { conflict, unprocessable } from '../errors/problem.js';
import { ownSignIn } from './own-sign-in.js';
import { newRecoveryCodes, replaceRecoveryCodes } from './recovery-codes.js';
import { matchingStep } from './totp.js';
import { signInSecretsOf } from './two-factor.queries.js';

/**
 * Turns two-factor sign-in on once a code shows the authenticator app holds the secret set up.
 * Returns ten recovery codes, shown this once. The user's other sessions end: they never passed a
 * second factor.
 * @throws 409 when not set up or already on; 422 when the code is wrong.
 */
export async function enableTwoFactor(
  ctx: Context,
  input: { code: string },
): Promise<{ recoveryCodes: string[] }> {
  const actor = ownSignIn(ctx);
  const { user } = actor;
  // Hashed before the row is locked: ten slow hashes take a while.
  const recoveryCodes = await newRecoveryCodes();
  return ctx.db.transaction(async (tx) => {
    const current = await signInSecretsOf(tx, user.id, { lock: true });
    if (current.twoFactorEnabledAt) throw conflict('Two-factor sign-in is already on.', 'two-factor-enabled');
    if (!current.twoFactorSecret) {
      throw conflict(
        'Set up two-factor sign-in first (POST /api/v1/auth/2fa/setup).',
        'two-factor-not-set-up',
      );
    }
    const now = ctx.now();
    const step = matchingStep(current.twoFactorSecret, input.code.replace(/\s/g, ''), now);
    if (step === null) {
      throw unprocessable('The code does not match the key set up.', [
        { field: 'code', message: 'is not the current code of the authenticator app' },
      ]);
    }
    await tx
      .update(users)
      .set({ twoFactorEnabledAt: now, twoFactorLastStep: step, updatedAt: now })
      .where(eq(users.id, user.id));
    await replaceRecoveryCodes(tx, user.id, recoveryCodes.hashes, now);
    await endSessionsOfUser(tx, user.id, actor.sessionId);
    await record(tx, ctx, {
      action: 'auth.two_factor_enabled',
      customerId: user.customerId,
      target: { type: 'user', id: user.id },
    });
    return { recoveryCodes: recoveryCodes.codes };
  });
}
