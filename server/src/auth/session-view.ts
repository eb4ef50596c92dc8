import type { ActingUser, UserActor } from '../access/actor.js';
import type { SessionUser } from './auth.schemas.js';

export function sessionUser(user: ActingUser): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    ...(user.customerId ? { customerId: user.customerId } : {}),
  };
}

/**
 * What a session must do before anything else, under the security settings: choose the user's own
 * password, or set up two-factor sign-in. Until then it may only do that, see, or end itself.
 */
export interface SessionHolds {
  passwordChangeRequired: boolean;
  twoFactorSetupRequired: boolean;
}

/** A session held to nothing: impersonation starts only from one. */
export const noHolds: SessionHolds = { passwordChangeRequired: false, twoFactorSetupRequired: false };

/** The body of login, session, and impersonation start and stop. */
export const sessionState = (actor: UserActor, csrfToken: string, holds: SessionHolds) => ({
  user: sessionUser(actor.user),
  csrfToken,
  impersonator: actor.impersonator ? sessionUser(actor.impersonator) : null,
  ...holds,
});
