import { record } from '../audit/record.js';
import { normalizeEmail, unsafeLoadUser } from '../auth/acting-user.js';
import type { Context } from '../context.js';
import { forbidden, notFound } from '../errors/problem.js';
import { clearTwoFactor } from './clear-two-factor.js';

/**
 * An operator turns off the two-factor sign-in of a user who lost both its authenticator app and
 * its recovery codes; the user's sessions end, and it signs in with its password alone (and sets
 * it up again, if the security setting holds its role to it). Only the system (the CLI) may.
 * @returns whether it was on.
 */
export async function resetTwoFactor(ctx: Context, email: string): Promise<{ wasOn: boolean }> {
  if (ctx.actor.kind !== 'system')
    throw forbidden('Only an operator on the server may reset two-factor sign-in.');
  return ctx.db.transaction(async (tx) => {
    const loaded = await unsafeLoadUser(tx, { email: normalizeEmail(email) });
    if (!loaded) throw notFound('User');
    await clearTwoFactor(tx, loaded.user.id, ctx.now(), null);
    await record(tx, ctx, {
      action: 'auth.two_factor_reset',
      customerId: loaded.user.customerId,
      resellerId: loaded.customerResellerId ?? loaded.user.resellerId,
      target: { type: 'user', id: loaded.user.id },
      details: { email: loaded.user.email, wasOn: loaded.twoFactorEnabled },
    });
    return { wasOn: loaded.twoFactorEnabled };
  });
}
