import type { Role } from '../db/schema/users.js';
import type { Actor } from './actor.js';

/**
 * The access rule every API route declares. `public` routes need no sign-in; `signedIn` routes
 * accept any role; a role list admits only those roles (the user acted as, when impersonating).
 * Object-level checks happen in the scoped queries, so what a role may not see is a 404.
 * `agent` routes admit a hosting server's agent by its credential, and no user: an agent reaches
 * its own server's resources only, and no user route.
 */
export type AccessRule = { public: true } | { roles: readonly Role[] } | { agent: true };

export const publicRoute: AccessRule = { public: true };
export const anyRole: AccessRule = { roles: ['admin', 'reseller', 'customer'] };
export const adminOnly: AccessRule = { roles: ['admin'] };
export const adminOrReseller: AccessRule = { roles: ['admin', 'reseller'] };
export const agentOnly: AccessRule = { agent: true };

export function isAllowed(rule: AccessRule, actor: Actor | null): boolean {
  if ('public' in rule) return true;
  if ('agent' in rule || !actor) return false;
  if (actor.kind === 'system') return true;
  return rule.roles.includes(actor.user.role);
}
