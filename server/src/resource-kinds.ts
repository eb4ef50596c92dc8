import { cronJobKind } from './cron-jobs/cron-job-kind.js';
import { cronJobRoutes } from './cron-jobs/cron-jobs.routes.js';
import { databaseKind } from './databases/database-kind.js';
import { databaseRoutes } from './databases/databases.routes.js';
import type { CustomerCounter } from './db/schema/customers.js';
import { dnsZoneKind } from './dns-zones/dns-zone-kind.js';
import { dnsZoneRoutes } from './dns-zones/dns-zones.routes.js';
import { ftpAccountKind } from './ftp-accounts/ftp-account-kind.js';
import { ftpAccountRoutes } from './ftp-accounts/ftp-accounts.routes.js';
import type { KindRoutes } from './hosting/hosted.routes.js';
import { mailAliasKind } from './mail/mail-alias-kind.js';
import { mailAliasRoutes } from './mail/mail-aliases.routes.js';
import { mailboxKind } from './mail/mailbox-kind.js';
import { mailboxRoutes } from './mail/mailboxes.routes.js';
import type { HostedKind } from './provisioning/reconciled-kind.js';
import { websiteKind } from './websites/website-kind.js';
import { websiteRoutes } from './websites/websites.routes.js';

/** A kind of hosting resource as the composition roots wire it in. */
export interface RegisteredKind {
  kind: HostedKind;
  /** What only this kind has (its create, a password, its own PATCH); the shared routes come from the kind. */
  routes: KindRoutes;
}

/**
 * Every kind of hosting resource: the one list, read only by the composition roots (server start,
 * route registration, the CLI). Adding a kind is its area folder, its driver folder, a migration
 * and one line here.
 */
export const resourceKinds = [
  { kind: websiteKind, routes: websiteRoutes },
  { kind: databaseKind, routes: databaseRoutes },
  { kind: dnsZoneKind, routes: dnsZoneRoutes },
  { kind: mailboxKind, routes: mailboxRoutes },
  { kind: mailAliasKind, routes: mailAliasRoutes },
  { kind: ftpAccountKind, routes: ftpAccountRoutes },
  { kind: cronJobKind, routes: cronJobRoutes },
] as const satisfies readonly RegisteredKind[];

export const hostingKinds: HostedKind[] = resourceKinds.map((entry) => entry.kind);

// A counter column on the customer with no kind keeping it is a type error here, not a silent zero.
type Uncounted = Exclude<CustomerCounter, (typeof resourceKinds)[number]['kind']['counter']>;
const everyCounterKept: [Uncounted] extends [never] ? true : Uncounted = true;
void everyCounterKept;

// The reconciler's sweep audits every repair as `<noun>.repaired`: a kind must declare the verb.
type Unrepaired<Kind = (typeof resourceKinds)[number]['kind']> = Kind extends {
  noun: infer Noun;
  actions: readonly (infer Verb)[];
}
  ? 'repaired' extends Verb
    ? never
    : Noun
  : never;
const everyKindRepaired: [Unrepaired] extends [never] ? true : Unrepaired = true;
void everyKindRepaired;
