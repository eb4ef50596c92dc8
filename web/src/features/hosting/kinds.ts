import { cronJobKind } from '../cron-jobs/cron-job-kind.js';
import { databaseKind } from '../databases/database-kind.js';
import { dnsZoneKind } from '../dns-zones/dns-zone-kind.js';
import { ftpAccountKind } from '../ftp-accounts/ftp-account-kind.js';
import { mailAliasKind } from '../mail/mail-alias-kind.js';
import { mailboxKind } from '../mail/mailbox-kind.js';
import { websiteKind } from '../websites/website-kind.js';
import type { AnyHostingKind } from './hosting-kind.js';

/** Every kind of hosting resource the server offers; a new kind is one line here. */
export const hostingKinds: AnyHostingKind[] = [
  websiteKind,
  databaseKind,
  dnsZoneKind,
  mailboxKind,
  mailAliasKind,
  ftpAccountKind,
  cronJobKind,
];
