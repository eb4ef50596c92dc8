import type { Role } from '../db/schema/users.js';
import type { ApiScope } from './scopes.js';

export interface ActingUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Set when role is customer. */
  customerId: string | null;
  /** Set when role is reseller: the reseller account this user signs in for. */
  resellerId: string | null;
}

/**
 * Who is making a request. `user` is who the request acts as; while impersonating, `impersonator`
 * is the real admin or reseller behind it.
 */
export interface UserActor {
  kind: 'user';
  user: ActingUser;
  impersonator: ActingUser | null;
  sessionId: string | null;
  apiTokenId: string | null;
  /** The scopes of the API token making the request, when it is limited to some; else the full role. */
  tokenScopes?: readonly ApiScope[];
}

/** The server itself: the purge scheduler and operator CLI commands. */
export interface SystemActor {
  kind: 'system';
}

export type Actor = UserActor | SystemActor;

export const systemActor: SystemActor = { kind: 'system' };

export interface Origin {
  ip: string | null;
  userAgent: string | null;
}

export const noOrigin: Origin = { ip: null, userAgent: null };
