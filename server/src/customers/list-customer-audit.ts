import { and, count, eq } from 'drizzle-orm';
import { visibleCustomer } from '../access/visible-customer.js';
import type { AuditEvent, CustomerAuditQuery } from '../audit/audit.schemas.js';
import { auditOrder } from '../audit/list-audit-events.js';
import { selectNamedEvents } from '../audit/named-events.js';
import { presentEvent } from '../audit/present-event.js';
import type { Context } from '../context.js';
import { cursorKeyColumn, finishPage, orderByKeys, pageWindow } from '../contract/list-cursor.js';
import { auditEvents } from '../db/schema/audit.js';

/**
 * A customer's own log: every event about it, including what was done while someone
 * impersonated it, newest first. 404 when the actor may not see the customer.
 */
export async function listCustomerAudit(ctx: Context, customerId: string, query: CustomerAuditQuery) {
  await visibleCustomer(ctx.db, ctx.actor, customerId);
  const where = and(
    eq(auditEvents.customerId, customerId),
    query.action ? eq(auditEvents.action, query.action) : undefined,
  );
  const order = auditOrder(query.sort);
  const window = pageWindow(order, query);
  const [rows, [counted]] = await Promise.all([
    selectNamedEvents(ctx.db, cursorKeyColumn(order))
      .where(and(where, window.after))
      .orderBy(...orderByKeys(order))
      .limit(window.limit)
      .offset(window.offset),
    ctx.db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  const page = finishPage(order, rows, query);
  const items: AuditEvent[] = page.rows.map(presentEvent);
  return { items, total: counted?.total ?? 0, ...page.paging };
}
