import { type Static, Type } from 'typebox';
import { listOf, pagingFields, sortParameter, Timestamp } from '../contract/schemas.js';
import { TimestampInput } from '../contract/timestamp-input.js';

/**
 * Who acted, or on whose behalf. `role` is `admin`, `reseller` or `customer` (the role at the time
 * of the event).
 */
export const AuditPerson = Type.Object({
  id: Type.String(),
  email: Type.String({ description: 'As it was at the time of the event.' }),
  name: Type.Union([Type.String(), Type.Null()], {
    description: "The person's name as it is now; null once the user is gone.",
  }),
  role: Type.String({ description: 'admin, reseller or customer' }),
});
export type AuditPerson = Static<typeof AuditPerson>;

/**
 * One audit event as API.md fixes it. `actor` is null for the system (scheduler, CLI) and for
 * anonymous callers (failed logins); `actorRole` says which. `impersonator` is the real admin or
 * reseller behind the actor while it was impersonating a customer.
 */
export const AuditEvent = Type.Object({
  id: Type.String(),
  at: Timestamp,
  action: Type.String(),
  actor: Type.Union([AuditPerson, Type.Null()]),
  actorRole: Type.String({ description: 'admin, reseller, customer, system or anonymous' }),
  impersonator: Type.Union([AuditPerson, Type.Null()]),
  customerId: Type.Union([Type.String(), Type.Null()]),
  customerName: Type.Union([Type.String(), Type.Null()], {
    description: 'The customer as it is now, "Company (First Last)" or "First Last"; null once purged.',
  }),
  resellerId: Type.Union([Type.String(), Type.Null()], {
    description: "The reseller the event belongs to: the acting one, or the customer's.",
  }),
  resellerName: Type.Union([Type.String(), Type.Null()], {
    description: "The reseller's name as it is now; null once it is gone.",
  }),
  target: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditEventList = listOf(AuditEvent);

export const auditSortFields = ['at', 'action'] as const;
export type AuditSortField = (typeof auditSortFields)[number];

const Action = Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z_.]+$' });

/** The list query of one customer's log (GET /customers/{id}/audit). */
export const CustomerAuditQuery = Type.Object(
  {
    ...pagingFields,
    sort: Type.Optional(sortParameter(auditSortFields)),
    action: Type.Optional(Action),
  },
  { additionalProperties: false },
);
export type CustomerAuditQuery = Static<typeof CustomerAuditQuery>;

/** The list query of GET /audit. */
export const AuditListQuery = Type.Object(
  {
    ...pagingFields,
    sort: Type.Optional(sortParameter(auditSortFields)),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    customerId: Type.Optional(Type.String({ format: 'uuid' })),
    resellerId: Type.Optional(Type.String({ format: 'uuid' })),
    actorId: Type.Optional(Type.String({ format: 'uuid' })),
    action: Type.Optional(Action),
    from: Type.Optional(TimestampInput),
    to: Type.Optional(TimestampInput),
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuery>;
