import type { Role } from '../api/types.js';

export type NavItem = { label: string; to: string };
export type NavSection = { label?: string; items: NavItem[] };

const apiTokens: NavItem = { label: 'API tokens', to: '/api-tokens' };
const twoFactor: NavItem = { label: 'Two-factor sign-in', to: '/two-factor' };

const byRole: Record<Role, NavSection[]> = {
  admin: [
    {
      items: [
        { label: 'Customers', to: '/customers' },
        { label: 'Resellers', to: '/resellers' },
        { label: 'Packages', to: '/packages' },
        { label: 'Servers', to: '/servers' },
        { label: 'Audit log', to: '/audit' },
      ],
    },
    {
      label: 'Settings',
      items: [
        { label: 'Security', to: '/settings/security' },
        { label: 'Platform', to: '/settings/platform' },
        { label: 'Backups', to: '/settings/backups' },
        apiTokens,
        twoFactor,
      ],
    },
  ],
  reseller: [
    {
      items: [
        { label: 'Customers', to: '/customers' },
        { label: 'Packages', to: '/packages' },
        { label: 'Audit log', to: '/audit' },
        apiTokens,
        twoFactor,
      ],
    },
  ],
  customer: [
    {
      items: [
        { label: 'Dashboard', to: '/account' },
        { label: 'Activity log', to: '/account/activity' },
        apiTokens,
        twoFactor,
      ],
    },
  ],
};

export function navigationFor(role: Role): NavSection[] {
  return byRole[role];
}

export function homeFor(role: Role): string {
  return role === 'customer' ? '/account' : '/customers';
}
