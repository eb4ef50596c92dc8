import type { PackageLimits } from '../../api/types.js';

export const limitLabels: Record<keyof PackageLimits, string> = {
  sites: 'Websites',
  databases: 'Databases',
  mailboxes: 'Mailboxes',
  ftpAccounts: 'FTP accounts',
  dnsZones: 'DNS zones',
  cronJobs: 'Cron jobs',
  diskMb: 'Disk (MB)',
};

export const limitNames = Object.keys(limitLabels) as (keyof PackageLimits)[];

export function unlimited(): PackageLimits {
  return {
    sites: null,
    databases: null,
    mailboxes: null,
    ftpAccounts: null,
    dnsZones: null,
    cronJobs: null,
    diskMb: null,
  };
}

export function formatLimit(limit: number | null): string {
  return limit === null ? 'Unlimited' : String(limit);
}
