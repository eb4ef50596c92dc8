import { and, count, eq, sql } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Actor } from '../access/actor.js';
import {
  cursorKeyColumn,
  finishPage,
  listOrder,
  orderByKeys,
  pageWindow,
  type SortKey,
} from '../contract/list-cursor.js';
import { iso } from '../contract/schemas.js';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { packages } from '../db/schema/packages.js';
import { resellers } from '../db/schema/resellers.js';
import { users } from '../db/schema/users.js';
import { notFound } from '../errors/problem.js';
import { containsText } from '../resellers/text-search.js';
import { packagePermissions } from './package-policy.js';
import { packageScope } from './package-scope.js';
import {
  type LimitName,
  limitNames,
  type Package,
  type PackageLimits,
  type PackageListQuery,
  type PackageSortField,
} from './packages.schemas.js';

// Every customer on the package counts, soft-deleted ones too: a restore gives the package back.
const customerCount = sql<number>`(select count(*)::int from ${customers} where ${customers.packageId} = ${packages.id})`;

/** How many customers use the package; the delete rule needs it. */
export async function packageCustomerCount(db: Queryable, id: string): Promise<number> {
  const [used] = await db.select({ total: count() }).from(customers).where(eq(customers.packageId, id));
  return used?.total ?? 0;
}

const limitColumns = Object.fromEntries(limitNames.map((name) => [name, packages[name]])) as {
  [Name in LimitName]: (typeof packages)[Name];
};

const packageColumns = {
  id: packages.id,
  name: packages.name,
  ownerId: packages.ownerResellerId,
  ownerName: users.name,
  ...limitColumns,
  serverGroup: packages.serverGroup,
  customerCount,
  createdAt: packages.createdAt,
};

type PackageRow = Record<LimitName, number | null> & {
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  serverGroup: string | null;
  customerCount: number;
  createdAt: Date;
};

const limitsOf = (row: Record<LimitName, number | null>) =>
  Object.fromEntries(limitNames.map((name) => [name, row[name]])) as PackageLimits;

/** A package as `actor` sees it, with what it may do with it. */
export const presentPackage = (actor: Actor, row: PackageRow): Package => ({
  id: row.id,
  name: row.name,
  owner: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? '' } : null,
  limits: limitsOf(row),
  serverGroup: row.serverGroup,
  createdAt: iso(row.createdAt),
  permissions: packagePermissions(actor, { ownerResellerId: row.ownerId, customerCount: row.customerCount }),
});

/** Packages with their owner's name; `extra` adds columns (a list's cursor key). */
const withOwner = <Extra extends SelectedFields>(db: Queryable, extra: Extra) =>
  db
    .select({ ...packageColumns, ...extra })
    .from(packages)
    .leftJoin(resellers, eq(resellers.id, packages.ownerResellerId))
    .leftJoin(users, eq(users.id, resellers.userId));

// The admins' packages (no owner) sort before every reseller's.
const sortKeys: Record<PackageSortField, SortKey[]> = {
  name: [{ expression: sql`lower(${packages.name})` }],
  owner: [{ expression: sql`lower(coalesce(${users.name}, ''))` }],
  createdAt: [{ expression: packages.createdAt }],
};

export async function listPackages(db: Queryable, actor: Actor, query: PackageListQuery) {
  const where = and(packageScope(actor), containsText([packages.name], query.q));
  const order = listOrder(query.sort, 'name', sortKeys, packages.id);
  const window = pageWindow(order, query);
  const rows = await withOwner(db, { cursorKey: cursorKeyColumn(order) })
    .where(and(where, window.after))
    .orderBy(...orderByKeys(order))
    .limit(window.limit)
    .offset(window.offset);
  const [total] = await db.select({ total: count() }).from(packages).where(where);
  const page = finishPage(order, rows, query);
  return {
    items: page.rows.map((row) => presentPackage(actor, row)),
    total: total?.total ?? 0,
    ...page.paging,
  };
}

/** One package the actor may see. @throws 404 */
export async function findPackage(db: Queryable, actor: Actor, id: string): Promise<Package> {
  const [row] = await withOwner(db, {}).where(and(eq(packages.id, id), packageScope(actor)));
  if (!row) throw notFound('Package');
  return presentPackage(actor, row);
}

/**
 * The limits of a customer's package, and nothing else of it: what a customer may read of its
 * own package. No package (or one gone meanwhile) caps nothing: every limit null.
 */
export async function limitsOfPackage(db: Queryable, packageId: string | null): Promise<PackageLimits> {
  const [row] = packageId
    ? await db.select(limitColumns).from(packages).where(eq(packages.id, packageId))
    : [];
  return row ? limitsOf(row) : (Object.fromEntries(limitNames.map((name) => [name, null])) as PackageLimits);
}
