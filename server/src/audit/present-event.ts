import { iso } from '../contract/schemas.js';
import type { AuditEvent, AuditPerson } from './audit.schemas.js';
import type { NamedEventRow } from './named-events.js';

const personRoles = new Set(['admin', 'reseller', 'customer']);

/** "Müller GmbH (Jana Müller)", or the name alone without a company. */
function customerName(row: NamedEventRow): string | null {
  if (row.customerFirstName === null || row.customerLastName === null) return null;
  const name = `${row.customerFirstName} ${row.customerLastName}`;
  return row.customerCompany ? `${row.customerCompany} (${name})` : name;
}

/**
 * An audit row as the API shows it. The row keeps the impersonator's id and email only; its role
 * comes from the joined user (only admins and resellers impersonate, so it defaults to the role
 * that can be deleted: reseller, when the user is gone).
 */
export function presentEvent(row: NamedEventRow): AuditEvent {
  const { event } = row;
  const actor: AuditPerson | null =
    event.actorId && personRoles.has(event.actorRole)
      ? { id: event.actorId, email: event.actorEmail ?? '', name: row.actorName, role: event.actorRole }
      : null;
  const impersonator: AuditPerson | null = event.impersonatorId
    ? {
        id: event.impersonatorId,
        email: event.impersonatorEmail ?? '',
        name: row.impersonatorName,
        role: row.impersonatorRole ?? 'reseller',
      }
    : null;
  return {
    id: String(event.id),
    at: iso(event.at),
    action: event.action,
    actor,
    actorRole: event.actorRole,
    impersonator,
    customerId: event.customerId,
    customerName: customerName(row),
    resellerId: event.resellerId,
    resellerName: row.resellerName,
    target: event.targetType && event.targetId ? { type: event.targetType, id: event.targetId } : null,
    ip: event.ip,
    userAgent: event.userAgent,
    details: (event.details && typeof event.details === 'object' ? event.details : {}) as Record<
      string,
      unknown
    >,
  };
}
