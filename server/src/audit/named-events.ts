import { eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/database.js';
import { auditEvents } from '../db/schema/audit.js';
import { customers } from '../db/schema/customers.js';
import { resellers } from '../db/schema/resellers.js';
import { users } from '../db/schema/users.js';

const actorUsers = alias(users, 'actor_users');
const impersonatorUsers = alias(users, 'impersonator_users');
const eventCustomers = alias(customers, 'event_customers');
const eventResellers = alias(resellers, 'event_resellers');
const resellerUsers = alias(users, 'reseller_users');

/**
 * Audit rows with the names people know them by, as they are now: the actor's, the
 * impersonator's, the customer's and the reseller's. A name is null once its owner is gone; the
 * row's copied email still says who it was. `cursorKey` is the row's place in the list's order.
 */
export function selectNamedEvents(db: Queryable, cursorKey: SQL<string>) {
  return db
    .select({
      event: auditEvents,
      cursorKey,
      actorName: actorUsers.name,
      impersonatorName: impersonatorUsers.name,
      impersonatorRole: impersonatorUsers.role,
      customerFirstName: eventCustomers.firstName,
      customerLastName: eventCustomers.lastName,
      customerCompany: eventCustomers.company,
      resellerName: resellerUsers.name,
    })
    .from(auditEvents)
    .leftJoin(actorUsers, eq(actorUsers.id, auditEvents.actorId))
    .leftJoin(impersonatorUsers, eq(impersonatorUsers.id, auditEvents.impersonatorId))
    .leftJoin(eventCustomers, eq(eventCustomers.id, auditEvents.customerId))
    .leftJoin(eventResellers, eq(eventResellers.id, auditEvents.resellerId))
    .leftJoin(resellerUsers, eq(resellerUsers.id, eventResellers.userId));
}

export type NamedEventRow = Awaited<ReturnType<ReturnType<typeof selectNamedEvents>['execute']>>[number];
