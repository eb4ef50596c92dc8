import type { ActingUserWithStatus } from '../auth/acting-user.js';
import type { SecuritySettings } from '../settings/settings.schemas.js';

/**
 * With `requireTwoFactorFor` naming its role, a user without two-factor sign-in may only set it up
 * (and look at its session, or sign out) before anything else. It holds the real user of a session:
 * an admin impersonating a customer must have passed its own second factor, the customer's own
 * is not asked for.
 */
export const mustSetUpTwoFactor = (real: ActingUserWithStatus, security: SecuritySettings) =>
  security.requireTwoFactorFor.includes(real.user.role) && !real.twoFactorEnabled;
