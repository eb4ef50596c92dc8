import type { ApiScope, Role } from '../../api/types.js';

/** What each scope lets a token do, in the words of the tokens page; the server decides. */
export const scopeLabels: Record<ApiScope, string> = {
  'customers:read': 'Read customers',
  'customers:write': 'Create and edit customers, set their passwords',
  'customers:lifecycle': 'Suspend, reactivate, delete, restore and purge customers',
  'customers:impersonate': 'Log in as customers (one-time login links)',
  'hosting:read': 'Read websites, databases, mail, FTP accounts and DNS zones',
  'hosting:write': 'Create, change and delete those',
  'backups:read': 'Read backups and their jobs',
  'backups:write': 'Take, delete and restore backups',
  'packages:read': 'Read packages',
  'packages:write': 'Create, change and delete packages',
  'resellers:read': 'Read resellers',
  'resellers:write': 'Create, change and delete resellers',
  'servers:read': 'Read hosting servers',
  'servers:write': 'Add, change and remove hosting servers',
  'settings:read': 'Read settings',
  'settings:write': 'Change settings',
  'audit:read': 'Read the audit log',
};

export const scopeNames = Object.keys(scopeLabels) as ApiScope[];

const staffOnly = new Set<ApiScope>([
  'customers:lifecycle',
  'customers:impersonate',
  'packages:read',
  'packages:write',
]);
const adminOnly = new Set<ApiScope>([
  'resellers:read',
  'resellers:write',
  'servers:read',
  'servers:write',
  'settings:read',
  'settings:write',
]);

/** The scopes worth offering a role: a scope never widens what the role itself may do. */
export function scopesFor(role: Role): ApiScope[] {
  return scopeNames.filter(
    (scope) => role === 'admin' || (!adminOnly.has(scope) && (role === 'reseller' || !staffOnly.has(scope))),
  );
}
