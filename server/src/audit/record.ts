import type { Actor, Origin } from '../access/actor.js';
import type { Queryable } from '../db/database.js';
import { auditEvents } from '../db/schema/audit.js';
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

/**
 * Writes one audit event; a null actor is an anonymous caller (a failed login).
 * Call it inside the transaction that makes the change, so the change
 * and its record commit or roll back together.
 */
export async function record(
  db: Queryable,
  who: { actor: Actor | null; origin: Origin },
  event: AuditEvent,
): Promise<void> {
  const { actor, origin } = who;
  const user = actor?.kind === 'user' ? actor.user : null;
  const impersonator = actor?.kind === 'user' ? actor.impersonator : null;
  const actingReseller = user?.role === 'reseller' ? user.resellerId : null;
  await db.insert(auditEvents).values({
    action: event.action,
    actorId: user?.id ?? null,
    actorEmail: user?.email ?? null,
    actorRole: user?.role ?? (actor ? 'system' : 'anonymous'),
    impersonatorId: impersonator?.id ?? null,
    impersonatorEmail: impersonator?.email ?? null,
    customerId: event.customerId ?? null,
    resellerId: event.resellerId ?? actingReseller ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    ip: origin.ip,
    userAgent: origin.userAgent,
    details: withoutSecrets(event.details ?? {}),
  });
}
