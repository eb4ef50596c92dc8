import { eq } from 'drizzle-orm';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { users } from '../db/schema/users.js';
import { conflict } from '../errors/problem.js';
import { ownSignIn } from './own-sign-in.js';
import { newTotpSecret, otpauthUrl } from './totp.js';
import { signInSecretsOf } from './two-factor.queries.js';

/**
 * A new authenticator secret for the caller, not yet in force: enabling it with a code proves the
 * app holds it. Setting up again replaces a secret not yet enabled.
 * @throws 409 when two-factor sign-in is already on (turn it off first).
 */
export async function setUpTwoFactor(ctx: Context): Promise<{ secret: string; otpauthUrl: string }> {
  const actor = ownSignIn(ctx);
  const { user } = actor;
  return ctx.db.transaction(async (tx) => {
    const current = await signInSecretsOf(tx, user.id, { lock: true });
    if (current.twoFactorEnabledAt) {
      throw conflict(
        'Two-factor sign-in is already on; turn it off before setting up a new key.',
        'two-factor-enabled',
      );
    }
    const secret = newTotpSecret();
    await tx
      .update(users)
      .set({ twoFactorSecret: secret, twoFactorLastStep: null, updatedAt: ctx.now() })
      .where(eq(users.id, user.id));
    await record(tx, ctx, {
      action: 'auth.two_factor_setup_started',
      customerId: user.customerId,
      target: { type: 'user', id: user.id },
    });
    return { secret, otpauthUrl: otpauthUrl(secret, current.email) };
  });
}
