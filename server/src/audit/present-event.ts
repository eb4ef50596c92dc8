import { iso } from '../contract/schemas.js';
import type { auditEvents } from '../db/schema/audit.js';
import type { AuditEvent, AuditPerson } from './audit.schemas.js';

export type AuditEventRow = typeof auditEvents.$inferSelect;

const personRoles = new Set(['admin', 'reseller', 'customer']);

/**
 * An audit row as the API shows it. The row keeps the impersonator's id and email only; pass its
 * role when the query joined it (only admins and resellers impersonate, so it defaults to the
 * role that can be deleted: reseller, when the user is gone).
 */
export function presentEvent(row: AuditEventRow, impersonatorRole?: string | null): AuditEvent {
  const actor: AuditPerson | null =
    row.actorId && personRoles.has(row.actorRole)
      ? { id: row.actorId, email: row.actorEmail ?? '', role: row.actorRole }
      : null;
  const impersonator: AuditPerson | null = row.impersonatorId
    ? { id: row.impersonatorId, email: row.impersonatorEmail ?? '', role: impersonatorRole ?? 'reseller' }
    : null;
  return {
    id: String(row.id),
    at: iso(row.at),
    action: row.action,
    actor,
    actorRole: row.actorRole,
    impersonator,
    customerId: row.customerId,
    target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
    ip: row.ip,
    userAgent: row.userAgent,
    details: (row.details && typeof row.details === 'object' ? row.details : {}) as Record<string, unknown>,
  };
}
