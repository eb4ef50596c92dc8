import type { Role } from '../db/schema/users.js';
import type { Actor } from './actor.js';

/**
 * The access rule every API route declares. `public` routes need no sign-in; `signedIn` routes
 * accept any role; a role list admits only those roles (the user acted as, when impersonating).
 * Object-level checks happen in the scoped queries, so what a role may not see is a 404.
 */
export type AccessRule = { public: true } | { roles: readonly Role[] };

export const publicRoute: AccessRule = { public: true };
export const anyRole: AccessRule = { roles: ['admin', 'reseller', 'customer'] };
export const adminOnly: AccessRule = { roles: ['admin'] };
export const adminOrReseller: AccessRule = { roles: ['admin', 'reseller'] };

export function isAllowed(rule: AccessRule, actor: Actor | null): boolean {
  if ('public' in rule) return true;
  if (!actor) return false;
  if (actor.kind === 'system') return true;
  return rule.roles.includes(actor.user.role);
}
