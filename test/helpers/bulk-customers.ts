import { sql } from 'drizzle-orm';
import type { TestApp } from './app.js';

/** How many bulk customers of each status; the suspended come first, then the deleted, then the active. */
export interface BulkPopulation {
  active: number;
  suspended: number;
  deleted: number;
}

/**
 * Customers "Bulk Customer 1…N" (bulk-N@example.test, no company) written in one statement, then
 * analyzed, so that the planner's estimates see them: through the use case, thousands would take
 * minutes. The users share one placeholder hash; nobody signs in as them. Every thousandth
 * belongs to `resellerId`, when given.
 */
export async function insertBulkCustomers(keel: TestApp, population: BulkPopulation, resellerId?: string) {
  const { active, suspended, deleted } = population;
  await keel.handle.db.execute(sql`
    with numbered as (
      select n, case when n <= ${suspended} then 'suspended'
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
           case when numbered.n % 1000 = 0 then ${resellerId ?? null}::uuid end
    from made join numbered on made.email = 'bulk-' || numbered.n || '@example.test'`);
  await keel.handle.db.execute(sql`analyze customers`);
}
