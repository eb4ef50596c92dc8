import { count, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import { customers } from '../db/schema/customers.js';

/** Up to this many matches the total is counted exactly: 40 pages of 25, read from at most 1,001 rows. */
export const exactTotalLimit = 1000;

type PlanDocument = [{ Plan: { 'Plan Rows': number } }];

/**
 * The number of customers matching `where`, for the list's `total`. Counting a million rows for
 * every page would cost more than the page itself, so the count stops after `exactTotalLimit + 1`
 * matches; past that the total is the planner's estimate (from the statistics ANALYZE keeps),
 * flagged so a client can show "about N".
 */
export async function customerTotal(db: Queryable, where: SQL | undefined) {
  const matches = db.select({ one: sql`1` }).from(customers).where(where);
  const [capped] = await db.select({ total: count() }).from(matches.limit(exactTotalLimit + 1).as('capped'));
  const counted = capped?.total ?? 0;
  if (counted <= exactTotalLimit) return { total: counted, totalIsEstimate: false };
  const [explained] = await selectRows<{ 'QUERY PLAN': PlanDocument | string }>(
    db,
    sql`explain (format json) ${matches}`,
  );
  const plan = explained?.['QUERY PLAN'];
  const document: PlanDocument = typeof plan === 'string' ? JSON.parse(plan) : (plan as PlanDocument);
  const estimate = Math.round(document[0].Plan['Plan Rows']);
  return { total: Math.max(estimate, exactTotalLimit + 1), totalIsEstimate: true };
}
