import { eq, type SQL, sql } from 'drizzle-orm';
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
