import type { SecuritySettings } from '../settings/settings.schemas.js';
import type { ActingUserWithStatus } from './acting-user.js';

/**
 * With `requirePasswordChangeAfterReset` on, a customer signed in as itself with a password an
 * operator set or generated may only choose its own (and look at its session, or sign out) before
 * anything else. Someone impersonating the customer is not the customer and is not held to it.
 */
export const mustChooseOwnPassword = (
  account: ActingUserWithStatus,
  security: SecuritySettings,
  impersonating: boolean,
) =>
  security.requirePasswordChangeAfterReset &&
  !impersonating &&
  account.user.role === 'customer' &&
  account.passwordSetByOperator;
