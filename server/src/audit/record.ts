import { eq } from 'drizzle-orm';
import type { Actor, Origin } from '../access/actor.js';
import type { Queryable } from '../db/database.js';
import { auditEvents } from '../db/schema/audit.js';
import { customers } from '../db/schema/customers.js';
import type { AuditEvent } from './events.js';

// A key naming a secret itself (`password`, `currentPassword`, `tokenHash`, `csrfToken` …), not
// one merely about secrets (`passwordPolicy.minLength`, `passwordChangedAt`).
const secretKey = /(password|token|secret|hash)$/i;

function withoutSecrets(details: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (secretKey.test(key)) continue;
    kept[key] =
      value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
        ? withoutSecrets(value as Record<string, unknown>)
        : value;
  }
  return kept;
}

/** The customer's reseller now, so an event about the customer shows in that reseller's log. */
async function resellerOfCustomer(db: Queryable, customerId: string): Promise<string | null> {
  const [row] = await db
    .select({ resellerId: customers.resellerId })
    .from(customers)
    .where(eq(customers.id, customerId));
  return row?.resellerId ?? null;
}

/**
 * Writes one audit event; a null actor is an anonymous caller (a failed login).
 * Call it inside the transaction that makes the change, so the change
 * and its record commit or roll back together.
 */
export function record(db: Queryable, who: { actor: Actor | null; origin: Origin }, event: AuditEvent) {
  return recordAll(db, who, [event]);
}

/** Writes the events of one actor's change to many customers (a bulk action) in one statement. */
export async function recordAll(
  db: Queryable,
  who: { actor: Actor | null; origin: Origin },
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const { actor, origin } = who;
  const user = actor?.kind === 'user' ? actor.user : null;
  const impersonator = actor?.kind === 'user' ? actor.impersonator : null;
  const actingReseller = user?.role === 'reseller' ? user.resellerId : null;
  const rows = [];
  for (const event of events) {
    const customersReseller =
      event.resellerId === undefined && event.customerId
        ? await resellerOfCustomer(db, event.customerId)
        : null;
    rows.push({
      action: event.action,
      actorId: user?.id ?? null,
      actorEmail: user?.email ?? null,
      actorRole: user?.role ?? (actor ? 'system' : 'anonymous'),
      impersonatorId: impersonator?.id ?? null,
      impersonatorEmail: impersonator?.email ?? null,
      customerId: event.customerId ?? null,
      resellerId: event.resellerId ?? customersReseller ?? actingReseller ?? null,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      ip: origin.ip,
      userAgent: origin.userAgent,
      details: withoutSecrets(event.details ?? {}),
    });
  }
  await db.insert(auditEvents).values(rows);
}
