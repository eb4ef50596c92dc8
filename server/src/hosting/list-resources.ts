import { and, asc, count, desc, eq, ilike, isNull } from 'drizzle-orm';
import { visibleCustomer } from '../access/visible-customer.js';
import type { Context } from '../context.js';
import { parseSort } from '../contract/schemas.js';
import { likePattern } from '../db/like-pattern.js';
import type { AnyResourceKind, HostedTable, RowOf } from './resource-kind.js';

export interface HostedListQuery {
  page: number;
  perPage: number;
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
  const { field, descending } = parseSort(query.sort, kind.defaultSort);
  const column = kind.sortColumns[field] ?? table.id;
  const where = and(
    eq(table.customerId, customer.id),
    isNull(table.removedAt),
    query.q ? ilike(kind.searchColumn, likePattern(query.q)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(table)
      .where(where)
      .orderBy(descending ? desc(column) : asc(column), asc(table.id))
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage),
    ctx.db.select({ value: count() }).from(table).where(where),
  ]);
  return { customer, rows: rows as RowOf<Kind['table']>[], total: total?.value ?? 0 };
}
