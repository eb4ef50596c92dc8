import { and, asc, eq, inArray } from 'drizzle-orm';
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

/**
 * The customers with these ids that the actor may see, locked for update in id order (two bulk
 * actions over the same customers cannot deadlock); an id missing from the answer is a 404.
 */
export async function lockVisibleCustomers(
  db: Queryable,
  actor: Actor,
  customerIds: readonly string[],
): Promise<Map<string, CustomerRow>> {
  const ids = customerIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(customers)
    .where(and(inArray(customers.id, ids), customerScope(actor)))
    .orderBy(asc(customers.id))
    .for('update');
  return new Map(rows.map((row) => [row.id, row]));
}
