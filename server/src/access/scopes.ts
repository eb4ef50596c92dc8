import type { Actor } from './actor.js';

/**
 * What an API token may be limited to. Every route declares the one scope it needs beside its
 * access rule (or `null`: no scope grants it, only a session or a token with the full role). A
 * token without scopes has its user's full role; the role rule and the tenant scope apply either
 * way, so a scope only ever narrows what the role allows.
 */
export const apiScopes = {
  'customers:read': 'List and read customers',
  'customers:write': "Create and edit customers, set a customer's password",
  'customers:lifecycle': 'Suspend, reactivate, delete, restore and purge customers',
  'customers:impersonate': 'Log in as a customer: impersonation and one-time login links',
  'hosting:read': 'Read websites, databases, mailboxes, mail aliases, FTP accounts and DNS zones',
  'hosting:write': 'Create, change and delete those hosting resources and their passwords',
  'backups:read': "List a customer's backups and backup jobs",
  'backups:write': 'Take, delete and restore backups',
  'packages:read': 'List and read packages',
  'packages:write': 'Create, change and delete packages',
  'resellers:read': 'List and read resellers',
  'resellers:write': 'Create, change and delete resellers',
  'servers:read': 'List and read hosting servers',
  'servers:write': 'Add, change and remove hosting servers and reissue their agent enrollment',
  'settings:read': 'Read the security, platform and other settings',
  'settings:write': 'Change those settings',
  'audit:read': "Read the audit log and a customer's own log",
} as const;

export type ApiScope = keyof typeof apiScopes;

export const apiScopeNames = Object.keys(apiScopes) as ApiScope[];

/** A route's declared need: one scope, or none that a limited token could hold. */
export type RouteScope = ApiScope | null;

/**
 * Whether the actor's credential reaches a route needing `scope`. Sessions and tokens without
 * scopes carry the full role; a limited token must hold the scope.
 */
export function scopeGranted(actor: Actor, scope: RouteScope): boolean {
  if (actor.kind === 'system' || !actor.tokenScopes) return true;
  return scope !== null && actor.tokenScopes.includes(scope);
}
