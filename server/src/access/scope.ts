import { eq, or, type SQL, sql } from 'drizzle-orm';
import { auditEvents } from '../db/schema/audit.js';
import { customers } from '../db/schema/customers.js';
import type { Actor } from './actor.js';

/**
 * The customers an actor may see, as a condition on the customers table. Every query of
 * customer data builds its `where` from this, so a route cannot forget a tenant check.
 */
export function customerScope(actor: Actor): SQL | undefined {
  if (actor.kind === 'system') return undefined;
  const { user } = actor;
  switch (user.role) {
    case 'admin':
      return undefined;
    case 'reseller':
      return user.resellerId ? eq(customers.resellerId, user.resellerId) : sql`false`;
    case 'customer':
      return user.customerId ? eq(customers.id, user.customerId) : sql`false`;
  }
}

/**
 * The audit events an actor may read: admins all; a reseller its own actions and everything
 * about its customers; a customer what concerns its own account (including what was done while
 * someone impersonated it).
 */
export function auditScope(actor: Actor): SQL | undefined {
  if (actor.kind === 'system') return undefined;
  const { user } = actor;
  switch (user.role) {
    case 'admin':
      return undefined;
    case 'reseller':
      return or(
        user.resellerId ? eq(auditEvents.resellerId, user.resellerId) : sql`false`,
        eq(auditEvents.actorId, user.id),
        eq(auditEvents.impersonatorId, user.id),
      );
    case 'customer':
      return user.customerId ? eq(auditEvents.customerId, user.customerId) : sql`false`;
  }
}
