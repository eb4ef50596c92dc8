import { and, asc, count, desc, eq } from 'drizzle-orm';
import { visibleCustomer } from '../access/visible-customer.js';
import type { AuditEvent, AuditSortField, CustomerAuditQuery } from '../audit/audit.schemas.js';
import { selectNamedEvents } from '../audit/named-events.js';
import { presentEvent } from '../audit/present-event.js';
import type { Context } from '../context.js';
import { parseSort } from '../contract/schemas.js';
import { auditEvents } from '../db/schema/audit.js';

/**
 * A customer's own log: every event about it, including what was done while someone
 * impersonated it, newest first. 404 when the actor may not see the customer.
 */
export async function listCustomerAudit(ctx: Context, customerId: string, query: CustomerAuditQuery) {
  await visibleCustomer(ctx.db, ctx.actor, customerId);
  const { page, perPage } = query;
  const where = and(
    eq(auditEvents.customerId, customerId),
    query.action ? eq(auditEvents.action, query.action) : undefined,
  );
  const sort = parseSort<AuditSortField>(query.sort, 'at');
  // Without a sort the newest come first; ids grow with time, so they order by time and break ties.
  const descending = query.sort === undefined || sort.descending;
  const direction = descending ? desc : asc;
  const order = sort.field === 'action' ? [direction(auditEvents.action)] : [];
  const [rows, [counted]] = await Promise.all([
    selectNamedEvents(ctx.db)
      .where(where)
      .orderBy(...order, direction(auditEvents.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    ctx.db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  const items: AuditEvent[] = rows.map(presentEvent);
  return { items, total: counted?.total ?? 0, page, perPage };
}
