import { record } from '../audit/record.js';
import { claimGuess, type ThrottlePolicy } from '../auth/login-throttle.js';
import { verifyPassword } from '../auth/password-hash.js';
import type { Context } from '../context.js';
import { badRequest, conflict, tooManyRequests, unprocessable } from '../errors/problem.js';
import { clearTwoFactor } from './clear-two-factor.js';
import { ownSignIn } from './own-sign-in.js';
import { proofOf, spendSecondFactor } from './second-factor.js';
import { signInSecretsOf } from './two-factor.queries.js';

/**
 * A taken-over session must not become a way to guess the password or the codes: like login, a
 * few wrong tries are free, then each doubles the wait (429), per user.
 */
const disableGuesses: ThrottlePolicy = {
  name: 'two-factor-disable',
  freeFailures: 5,
  windowMs: 15 * 60_000,
  maxDelayMs: 15 * 60_000,
};

export interface DisableTwoFactorInput {
  password: string;
  code?: string;
  recoveryCode?: string;
}

/**
 * Turns two-factor sign-in off with the password and a code (or a recovery code), removing the
 * secret and the recovery codes; the user's other sessions end.
 * @throws 400 without a code; 409 when it is off; 422 when the password or the code is wrong;
 * 429 after repeated wrong tries.
 */
export async function disableTwoFactor(ctx: Context, input: DisableTwoFactorInput): Promise<void> {
  const actor = ownSignIn(ctx);
  const { user } = actor;
  const proof = proofOf(input);
  if (!proof) {
    throw badRequest('Send the current code of your authenticator app, or a recovery code.', [
      { field: 'code', message: 'is required (or recoveryCode)' },
    ]);
  }
  const now = ctx.now();
  const attempt = await claimGuess(ctx.db, disableGuesses, user.id, now);
  if (attempt.waitMs > 0) throw tooManyRequests(Math.ceil(attempt.waitMs / 1000));
  const current = await signInSecretsOf(ctx.db, user.id);
  if (!current.twoFactorEnabledAt || !current.twoFactorSecret) {
    await attempt.withdrawn();
    throw conflict('Two-factor sign-in is not on.', 'two-factor-not-enabled');
  }
  const passwordMatches = await verifyPassword(current.passwordHash, input.password);
  const used =
    passwordMatches &&
    (await spendSecondFactor(ctx.db, { id: user.id, twoFactorSecret: current.twoFactorSecret }, proof, now));
  if (!used) {
    const wrong = passwordMatches ? ('code' in proof ? 'code' : 'recoveryCode') : 'password';
    await record(ctx.db, ctx, {
      action: 'auth.two_factor_disable_refused',
      customerId: user.customerId,
      target: { type: 'user', id: user.id },
      details: { reason: `wrong ${wrong}` },
    });
    throw unprocessable(`The ${wrong === 'recoveryCode' ? 'recovery code' : wrong} is wrong.`, [
      { field: wrong, message: wrong === 'password' ? 'is not your password' : 'is wrong or already used' },
    ]);
  }
  await attempt.succeeded();
  await ctx.db.transaction(async (tx) => {
    await clearTwoFactor(tx, user.id, now, actor.sessionId);
    await record(tx, ctx, {
      action: 'auth.two_factor_disabled',
      customerId: user.customerId,
      target: { type: 'user', id: user.id },
      details: { with: 'code' in proof ? 'authenticator code' : 'recovery code' },
    });
  });
}
