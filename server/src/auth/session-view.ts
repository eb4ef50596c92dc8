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
 * The body of login, session, and impersonation start and stop. `passwordChangeRequired`: the
 * session may do nothing but choose the user's own password, see, or end itself.
 */
export const sessionState = (actor: UserActor, csrfToken: string, passwordChangeRequired: boolean) => ({
  user: sessionUser(actor.user),
  csrfToken,
  impersonator: actor.impersonator ? sessionUser(actor.impersonator) : null,
  passwordChangeRequired,
});
