import { visibleCustomer } from '../access/visible-customer.js';
import { findOwnApiToken } from '../auth/api-tokens.js';
import { databaseIds, databaseKind } from '../databases/database-kind.js';
import { dnsZoneIds, dnsZoneKind } from '../dns-zones/dns-zone-kind.js';
import { findPackage } from '../packages/packages.queries.js';
import { visibleHosted } from '../provisioning/hosted-resources.js';
import { findReseller } from '../resellers/resellers.queries.js';
import { websiteIds, websiteKind } from '../websites/website-kind.js';
import type { PathObjectLookups } from './plugins/path-objects.js';

type Ids<Names extends string> = Record<Names, string>;

/**
 * How each kind of object an API path names by id is found, as the caller may see it. The path
 * objects plugin refuses to start with a route whose ids are not listed here.
 */
export const pathObjectLookups: PathObjectLookups = {
  customers: (db, actor, ids) => visibleCustomer(db, actor, (ids as Ids<'id'>).id),
  'customers/websites': (db, actor, ids) =>
    visibleHosted(websiteKind, db, actor, websiteIds(ids as Ids<'id' | 'websiteId'>)),
  'customers/databases': (db, actor, ids) =>
    visibleHosted(databaseKind, db, actor, databaseIds(ids as Ids<'id' | 'databaseId'>)),
  'customers/dns-zones': (db, actor, ids) =>
    visibleHosted(dnsZoneKind, db, actor, dnsZoneIds(ids as Ids<'id' | 'zoneId'>)),
  resellers: (db, _actor, ids) => findReseller(db, (ids as Ids<'id'>).id),
  packages: (db, actor, ids) => findPackage(db, actor, (ids as Ids<'id'>).id),
  'auth/tokens': (db, actor, ids) => findOwnApiToken(db, actor, (ids as Ids<'id'>).id),
};
