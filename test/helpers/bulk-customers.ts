import { sql } from 'drizzle-orm';
import type { TestApp } from './app.js';

/** How many bulk customers of each status; the suspended come first, then the deleted, then the active. */
export interface BulkPopulation {
  active: number;
  suspended: number;
  deleted: number;
}

/** Whose the bulk customers are, where their numbers start, and whether the planner hears of them. */
export interface BulkOptions {
  /** Every `resellerShare`-th customer (by number) belongs to this reseller. */
  resellerId?: string;
  /** 1: all of them; 1000 (the default): every thousandth. */
  resellerShare?: number;
  /** The first customer's number (default 1), for a second batch beside the first. */
  firstNumber?: number;
  /** False leaves the planner's statistics as they were before the batch (default true). */
  analyze?: boolean;
}

/**
 * Customers "Bulk Customer N" (bulk-N@example.test, no company), N counting from `firstNumber`,
 * written in one statement, then analyzed, so that the planner's estimates see them: through the
 * use case, thousands would take minutes. Their users' password hash is a placeholder: these
 * customers are only listed, never signed in as.
 */
export async function insertBulkCustomers(
  keel: TestApp,
  population: BulkPopulation,
  options: BulkOptions = {},
) {
  const { active, suspended, deleted } = population;
  const { resellerId = null, resellerShare = 1000, firstNumber = 1, analyze = true } = options;
  const offset = firstNumber - 1;
  await keel.handle.db.execute(sql`
    with numbered as (
      select ${offset}::int + n as n, case when n <= ${suspended} then 'suspended'
                     when n <= ${suspended + deleted} then 'deleted'
                     else 'active' end as status
      from generate_series(1, ${active + suspended + deleted}) as n
    ), made as (
      insert into users (email, name, role, password_hash)
      select 'bulk-' || n || '@example.test', 'Bulk Customer ' || n, 'customer', 'unused' from numbered
      returning id, email
    )
    insert into customers (user_id, first_name, last_name, email, status, reseller_id)
    select made.id, 'Bulk', 'Customer ' || numbered.n, made.email, numbered.status,
           case when numbered.n % ${resellerShare}::int = 0 then ${resellerId}::uuid end
    from made join numbered on made.email = 'bulk-' || numbered.n || '@example.test'`);
  if (analyze) await keel.handle.db.execute(sql`analyze customers`);
}
