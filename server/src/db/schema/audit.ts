import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from './columns.js';

/**
 * The audit log. No foreign keys on purpose: events outlive the users and customers they name,
 * so emails are copied in at the time of the event.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestampTz('at').notNull().defaultNow(),
    action: text('action').notNull(),
    actorId: uuid('actor_id'),
    actorEmail: text('actor_email'),
    actorRole: text('actor_role').notNull(),
    impersonatorId: uuid('impersonator_id'),
    impersonatorEmail: text('impersonator_email'),
    customerId: uuid('customer_id'),
    resellerId: uuid('reseller_id'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').notNull().default({}),
  },
  (table) => [
    index('audit_events_customer_id_idx').on(table.customerId, table.id),
    index('audit_events_reseller_id_idx').on(table.resellerId, table.id),
    index('audit_events_actor_id_idx').on(table.actorId, table.id),
    index('audit_events_action_idx').on(table.action, table.id),
  ],
);
