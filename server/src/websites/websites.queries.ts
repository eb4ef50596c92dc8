import { and, asc, count, desc, eq, ilike, isNull } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { visibleCustomer } from '../access/visible-customer.js';
import type { Queryable } from '../db/database.js';
import { likePattern } from '../db/like-pattern.js';
import { websites } from '../db/schema/hosting.js';
import { notFound } from '../http/problem.js';
import { parseSort } from '../http/schemas.js';
import type { WebsiteListQuery, websiteSortFields } from './websites.schemas.js';

/** A live (not removed) website of a customer the actor may see; 404 otherwise. */
export async function visibleWebsite(
  db: Queryable,
  actor: Actor,
  ids: { id: string; websiteId: string },
  options: { lock?: boolean } = {},
) {
  const customer = await visibleCustomer(db, actor, ids.id, options);
  const query = db
    .select()
    .from(websites)
    .where(
      and(eq(websites.id, ids.websiteId), eq(websites.customerId, customer.id), isNull(websites.removedAt)),
    );
  const [website] = options.lock ? await query.for('update') : await query;
  if (!website) throw notFound('Website');
  return { customer, website };
}

export async function listCustomerWebsites(
  db: Queryable,
  actor: Actor,
  customerId: string,
  query: WebsiteListQuery,
) {
  const customer = await visibleCustomer(db, actor, customerId);
  const { field, descending } = parseSort<(typeof websiteSortFields)[number]>(query.sort, 'domain');
  const column = field === 'createdAt' ? websites.createdAt : websites.domain;
  const where = and(
    eq(websites.customerId, customer.id),
    isNull(websites.removedAt),
    query.q ? ilike(websites.domain, likePattern(query.q)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(websites)
      .where(where)
      .orderBy(descending ? desc(column) : asc(column), asc(websites.id))
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage),
    db.select({ value: count() }).from(websites).where(where),
  ]);
  return { customer, rows, total: total?.value ?? 0 };
}
