import { and, eq } from 'drizzle-orm';
import { isUuid } from '../contract/ids.js';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { notFound } from '../errors/problem.js';
import type { Actor } from './actor.js';
import { customerScope } from './scope.js';

export type CustomerRow = typeof customers.$inferSelect;

/**
 * The customer with this id if the actor may see it, locked for update when `lock` is set;
 * otherwise 404, whether it does not exist or belongs to another tenant.
 */
export async function visibleCustomer(
  db: Queryable,
  actor: Actor,
  customerId: string,
  options: { lock?: boolean } = {},
): Promise<CustomerRow> {
  if (!isUuid(customerId)) throw notFound('Customer');
  const query = db
    .select()
    .from(customers)
    .where(and(eq(customers.id, customerId), customerScope(actor)));
  const [customer] = options.lock ? await query.for('update') : await query;
  if (!customer) throw notFound('Customer');
  return customer;
}
