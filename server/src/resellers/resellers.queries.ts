import { and, count, eq, sql } from 'drizzle-orm';
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
import { resellers } from '../db/schema/resellers.js';
import { users } from '../db/schema/users.js';
import { notFound } from '../errors/problem.js';
import { resellerPermissions } from './reseller-policy.js';
import type { Reseller, ResellerListQuery, ResellerSortField } from './resellers.schemas.js';
import { containsText } from './text-search.js';

// Every customer counts, soft-deleted ones too: they still belong to the reseller until purged.
const customerCount = sql<number>`(select count(*)::int from ${customers} where ${customers.resellerId} = ${resellers.id})`;

const resellerColumns = {
  id: resellers.id,
  name: users.name,
  email: users.email,
  company: resellers.company,
  customerCount,
  createdAt: resellers.createdAt,
};

type ResellerRow = {
  id: string;
  name: string;
  email: string;
  company: string | null;
  customerCount: number;
  createdAt: Date;
};

/** A reseller as `actor` sees it, with what it may do with it. */
export const presentReseller = (actor: Actor, row: ResellerRow): Reseller => ({
  ...row,
  createdAt: iso(row.createdAt),
  permissions: resellerPermissions(actor, row),
});

const sortKeys: Record<ResellerSortField, SortKey[]> = {
  name: [{ expression: sql`lower(${users.name})` }],
  email: [{ expression: users.email }],
  company: [{ expression: sql`lower(${resellers.company})`, nullable: true }],
  customerCount: [{ expression: customerCount }],
  createdAt: [{ expression: resellers.createdAt }],
};

export async function listResellers(db: Queryable, actor: Actor, query: ResellerListQuery) {
  const where = containsText([users.name, users.email, resellers.company], query.q);
  const order = listOrder(query.sort, 'name', sortKeys, resellers.id);
  const window = pageWindow(order, query);
  const rows = await db
    .select({ ...resellerColumns, cursorKey: cursorKeyColumn(order) })
    .from(resellers)
    .innerJoin(users, eq(users.id, resellers.userId))
    .where(and(where, window.after))
    .orderBy(...orderByKeys(order))
    .limit(window.limit)
    .offset(window.offset);
  const [total] = await db
    .select({ total: count() })
    .from(resellers)
    .innerJoin(users, eq(users.id, resellers.userId))
    .where(where);
  const page = finishPage(order, rows, query);
  return {
    items: page.rows.map(({ cursorKey: _, ...row }) => presentReseller(actor, row)),
    total: total?.total ?? 0,
    ...page.paging,
  };
}

/** One reseller as the API shows it. @throws 404 */
export async function findReseller(db: Queryable, actor: Actor, id: string): Promise<Reseller> {
  const [row] = await db
    .select(resellerColumns)
    .from(resellers)
    .innerJoin(users, eq(users.id, resellers.userId))
    .where(eq(resellers.id, id));
  if (!row) throw notFound('Reseller');
  return presentReseller(actor, row);
}
