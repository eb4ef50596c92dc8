import { and, count, eq, ilike, isNull } from 'drizzle-orm';
import { visibleCustomer } from '../access/visible-customer.js';
import type { Context } from '../context.js';
import {
  cursorKeyColumn,
  finishPage,
  listOrder,
  orderByKeys,
  type PageRequest,
  pageWindow,
} from '../contract/list-cursor.js';
import { likePattern } from '../db/like-pattern.js';
import type { AnyResourceKind, HostedTable, RowOf } from './resource-kind.js';

export interface HostedListQuery extends PageRequest {
  q?: string;
  sort?: string;
}

/** One page of a customer's live resources of a kind, searched and sorted. */
export async function listResources<Kind extends AnyResourceKind>(
  ctx: Context,
  kind: Kind,
  customerId: string,
  query: HostedListQuery,
) {
  const customer = await visibleCustomer(ctx.db, ctx.actor, customerId);
  const table: HostedTable = kind.table;
  // The list's schema admits only the kind's sort fields.
  const sortKeys = Object.fromEntries(
    Object.entries(kind.sortColumns).map(([field, column]) => [field, [{ expression: column }]]),
  );
  const order = listOrder(query.sort, kind.defaultSort, sortKeys, table.id);
  const window = pageWindow(order, query);
  const where = and(
    eq(table.customerId, customer.id),
    isNull(table.removedAt),
    query.q ? ilike(kind.searchColumn, likePattern(query.q)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ row: table, cursorKey: cursorKeyColumn(order) })
      .from(table)
      .where(and(where, window.after))
      .orderBy(...orderByKeys(order))
      .limit(window.limit)
      .offset(window.offset),
    ctx.db.select({ value: count() }).from(table).where(where),
  ]);
  const page = finishPage(order, rows, query);
  return {
    customer,
    rows: page.rows.map(({ row }) => row) as RowOf<Kind['table']>[],
    total: total?.value ?? 0,
    paging: page.paging,
  };
}
