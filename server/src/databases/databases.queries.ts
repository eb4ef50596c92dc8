import { and, asc, count, desc, eq, ilike, isNull } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { visibleCustomer } from '../access/visible-customer.js';
import type { Queryable } from '../db/database.js';
import { likePattern } from '../db/like-pattern.js';
import { databases } from '../db/schema/hosting.js';
import { notFound } from '../http/problem.js';
import { parseSort } from '../http/schemas.js';
import type { DatabaseListQuery, databaseSortFields } from './databases.schemas.js';

/** A live (not removed) database of a customer the actor may see; 404 otherwise. */
export async function visibleDatabase(
  db: Queryable,
  actor: Actor,
  ids: { id: string; databaseId: string },
  options: { lock?: boolean } = {},
) {
  const customer = await visibleCustomer(db, actor, ids.id, options);
  const query = db
    .select()
    .from(databases)
    .where(
      and(
        eq(databases.id, ids.databaseId),
        eq(databases.customerId, customer.id),
        isNull(databases.removedAt),
      ),
    );
  const [database] = options.lock ? await query.for('update') : await query;
  if (!database) throw notFound('Database');
  return { customer, database };
}

export async function listCustomerDatabases(
  db: Queryable,
  actor: Actor,
  customerId: string,
  query: DatabaseListQuery,
) {
  const customer = await visibleCustomer(db, actor, customerId);
  const { field, descending } = parseSort<(typeof databaseSortFields)[number]>(query.sort, 'name');
  const column = field === 'createdAt' ? databases.createdAt : databases.name;
  const where = and(
    eq(databases.customerId, customer.id),
    isNull(databases.removedAt),
    query.q ? ilike(databases.name, likePattern(query.q)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(databases)
      .where(where)
      .orderBy(descending ? desc(column) : asc(column), asc(databases.id))
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage),
    db.select({ value: count() }).from(databases).where(where),
  ]);
  return { customer, rows, total: total?.value ?? 0 };
}
