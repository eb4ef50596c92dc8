import { databaseKind } from '../databases/database-kind.js';
import { dnsZoneKind } from '../dns-zones/dns-zone-kind.js';
import { ftpAccountKind } from '../ftp-accounts/ftp-account-kind.js';
import { websiteKind } from '../websites/website-kind.js';
import type { AnyHostingKind } from './hosting-kind.js';

/** Every kind of hosting resource the server offers; a new kind is one line here. */
export const hostingKinds: AnyHostingKind[] = [websiteKind, databaseKind, dnsZoneKind, ftpAccountKind];
