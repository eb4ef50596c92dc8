import type { Context } from '../context.js';
import { isoOrNull } from '../contract/schemas.js';
import { ownSignIn } from './own-sign-in.js';
import { unusedRecoveryCodeCount } from './recovery-codes.js';
import { signInSecretsOf } from './two-factor.queries.js';

/** Whether the caller signs in with a second factor, and how many recovery codes it has left. */
export async function twoFactorStatus(ctx: Context) {
  const { user } = ownSignIn(ctx);
  const secrets = await signInSecretsOf(ctx.db, user.id);
  const enabled = secrets.twoFactorEnabledAt !== null;
  return {
    enabled,
    enabledAt: isoOrNull(secrets.twoFactorEnabledAt),
    recoveryCodesLeft: enabled ? await unusedRecoveryCodeCount(ctx.db, user.id) : 0,
  };
}
