import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { users } from '../db/schema/users.js';
import { badRequest } from '../errors/problem.js';
import { spendRecoveryCode } from './recovery-codes.js';
import { matchingStep } from './totp.js';

/** What proves the second factor: a code from the authenticator app, or a recovery code. */
export type SecondFactorProof = { code: string } | { recoveryCode: string };

/** The proof a request carries (null when none); both at once is a 400. */
export function proofOf(input: { code?: string; recoveryCode?: string }): SecondFactorProof | null {
  if (input.code !== undefined && input.recoveryCode !== undefined) {
    throw badRequest('Send either code or recoveryCode, not both.', [
      { field: 'recoveryCode', message: 'must not be sent together with code' },
    ]);
  }
  if (input.code !== undefined) return { code: input.code.replace(/\s/g, '') };
  if (input.recoveryCode !== undefined) return { recoveryCode: input.recoveryCode };
  return null;
}

export type SecondFactorKind = 'authenticator code' | 'recovery code';

/**
 * Checks the proof of a user with two-factor sign-in on and uses it up: an authenticator code's
 * time step is recorded so neither it nor an older one is accepted again, a recovery code is
 * spent. Null when the proof is wrong or already used.
 */
export async function spendSecondFactor(
  db: Queryable,
  user: { id: string; twoFactorSecret: string },
  proof: SecondFactorProof,
  now: Date,
): Promise<SecondFactorKind | null> {
  if ('recoveryCode' in proof) {
    return (await spendRecoveryCode(db, user.id, proof.recoveryCode, now)) ? 'recovery code' : null;
  }
  const step = matchingStep(user.twoFactorSecret, proof.code, now);
  if (step === null) return null;
  // Conditional, so of two requests racing with one code only the first is accepted.
  const accepted = await db
    .update(users)
    .set({ twoFactorLastStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.twoFactorLastStep), lt(users.twoFactorLastStep, step))))
    .returning({ id: users.id });
  return accepted.length > 0 ? 'authenticator code' : null;
}
