import { visibleCustomer } from '../access/visible-customer.js';
import { findOwnApiToken } from '../auth/api-tokens.js';
import { visibleBackup } from '../backups/visible-backup.js';
import { visibleHosted } from '../hosting/hosted-resources.js';
import { findPackage } from '../packages/packages.queries.js';
import { findReseller } from '../resellers/resellers.queries.js';
import { hostingKinds } from '../resource-kinds.js';
import { findServer } from '../servers/servers.queries.js';
import type { PathObjectLookup, PathObjectLookups } from './plugins/path-objects.js';

type Ids<Names extends string> = Record<Names, string>;

/** Every kind of hosting resource, found under its customer by the kind's own path parameter. */
const hostedLookups = Object.fromEntries(
  hostingKinds.map((kind): [string, PathObjectLookup] => [
    `customers/${kind.path}`,
    (db, actor, ids) =>
      visibleHosted(kind, db, actor, { customerId: ids.id ?? '', resourceId: ids[kind.idParam] ?? '' }),
  ]),
);

/**
 * How each kind of object an API path names by id is found, as the caller may see it. The path
 * objects plugin refuses to start with a route whose ids are not listed here.
 */
export const pathObjectLookups: PathObjectLookups = {
  customers: (db, actor, ids) => visibleCustomer(db, actor, (ids as Ids<'id'>).id),
  ...hostedLookups,
  'customers/backups': (db, actor, ids) =>
    visibleBackup(db, actor, { customerId: ids.id ?? '', backupId: ids.backupId ?? '' }),
  resellers: (db, actor, ids) => findReseller(db, actor, (ids as Ids<'id'>).id),
  packages: (db, actor, ids) => findPackage(db, actor, (ids as Ids<'id'>).id),
  // Admins only (the route's rule runs first): every server is visible to whoever gets this far.
  servers: (db, _actor, ids) => findServer(db, (ids as Ids<'id'>).id, new Date()),
  'auth/tokens': (db, actor, ids) => findOwnApiToken(db, actor, (ids as Ids<'id'>).id),
};
