import { and, count, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import { auditScope } from '../access/scope.js';
import type { Context } from '../context.js';
import {
  cursorKeyColumn,
  finishPage,
  listOrder,
  orderByKeys,
  type PageRequest,
  pageWindow,
  type SortKey,
} from '../contract/list-cursor.js';
import { likePattern } from '../db/like-pattern.js';
import { auditEvents } from '../db/schema/audit.js';
import type { AuditListQuery, AuditSortField } from './audit.schemas.js';
import { selectNamedEvents } from './named-events.js';
import { presentEvent } from './present-event.js';

// Ids grow with time: ordering by id is ordering by time, and it breaks every tie.
const auditSortKeys: Record<AuditSortField, SortKey[]> = {
  at: [],
  action: [{ expression: auditEvents.action }],
};

/** An audit log's order: newest first unless `sort` says otherwise. */
export const auditOrder = (sort: string | undefined) => listOrder(sort, '-at', auditSortKeys, auditEvents.id);

function search(q: string): SQL | undefined {
  const pattern = likePattern(q);
  return or(
    ilike(auditEvents.action, pattern),
    ilike(auditEvents.actorEmail, pattern),
    ilike(auditEvents.impersonatorEmail, pattern),
    ilike(auditEvents.targetId, pattern),
  );
}

function filters(query: Partial<AuditListQuery>): (SQL | undefined)[] {
  const q = query.q?.trim();
  return [
    query.customerId ? eq(auditEvents.customerId, query.customerId) : undefined,
    query.resellerId ? eq(auditEvents.resellerId, query.resellerId) : undefined,
    query.actorId
      ? or(eq(auditEvents.actorId, query.actorId), eq(auditEvents.impersonatorId, query.actorId))
      : undefined,
    query.action ? eq(auditEvents.action, query.action) : undefined,
    query.from ? gte(auditEvents.at, new Date(query.from)) : undefined,
    query.to ? lt(auditEvents.at, new Date(query.to)) : undefined,
    q ? search(q) : undefined,
  ];
}

/**
 * A page of the audit events the actor may read, newest first unless sorted otherwise. The
 * actor's scope is always part of the query; `restrictTo` narrows it further, e.g. to one
 * customer's own log.
 */
export async function listAuditEvents(
  ctx: Context,
  query: PageRequest & Partial<AuditListQuery>,
  restrictTo?: SQL,
) {
  const where = and(auditScope(ctx.actor), restrictTo, ...filters(query));
  const order = auditOrder(query.sort);
  const window = pageWindow(order, query);
  const [rows, totals] = await Promise.all([
    selectNamedEvents(ctx.db, cursorKeyColumn(order))
      .where(and(where, window.after))
      .orderBy(...orderByKeys(order))
      .limit(window.limit)
      .offset(window.offset),
    ctx.db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  const page = finishPage(order, rows, query);
  return {
    items: page.rows.map(presentEvent),
    total: totals[0]?.total ?? 0,
    ...page.paging,
  };
}
