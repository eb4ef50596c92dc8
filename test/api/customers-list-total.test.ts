import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { insertReseller } from '../helpers/customer-factory.js';

// Enough customers that the planner's estimate passes the 5,000 above which the list stops
// counting: 12,000 active, 2,500 suspended (more than the 1,000 counted exactly, fewer than the
// 5,000 estimated without a count) and 300 soft-deleted (counted exactly).
const population = { active: 12_000, suspended: 2_500, deleted: 300 };

describe('the customer list total', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await insertReseller(keel, { name: 'Small Reseller' });
  const resellerClient = await reseller.login();
  const { active, suspended, deleted } = population;
  // Written in bulk: 14,800 customers through the use case would take minutes. The users share one
  // placeholder hash; nobody signs in as them.
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
           case when numbered.n % 1000 = 0 then ${reseller.id}::uuid end
    from made join numbered on made.email = 'bulk-' || numbered.n || '@example.test'`);
  await keel.handle.db.execute(sql`analyze customers`);

  const list = async (query: string, client = admin) => {
    const response = await client.get(`/customers${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: unknown[]; total: number; totalIsEstimate: boolean };
  };

  it('estimates a large total from the statistics, and says so', async () => {
    const page = await list('');
    expect(page.items).toHaveLength(25);
    expect(page.totalIsEstimate).toBe(true);
    const visible = active + suspended;
    expect(page.total).toBeGreaterThan(visible * 0.8);
    expect(page.total).toBeLessThan(visible * 1.2);
  });

  it('counts past 1,000 matches only far enough to know the total is an estimate', async () => {
    const page = await list('?status=suspended');
    expect(page.totalIsEstimate).toBe(true);
    expect(page.total).toBeGreaterThan(1000);
    expect(page.total).toBeLessThan(suspended * 2);
  });

  it('is exact up to 1,000 matches', async () => {
    expect(await list('?status=deleted')).toMatchObject({ total: deleted, totalIsEstimate: false });
    expect(await list('?q=customer%201234%40')).toMatchObject({ total: 0, totalIsEstimate: false });
    expect(await list('?q=bulk-1234%40')).toMatchObject({ total: 1, totalIsEstimate: false });
  });

  it("is exact for a reseller's own customers among many others", async () => {
    const page = await list('', resellerClient);
    // Every thousandth bulk customer is the reseller's: numbers 1,000 to 14,000, none of them among
    // the soft-deleted 2,501 to 2,800.
    const listed = 14;
    expect(page).toMatchObject({ total: listed, totalIsEstimate: false });
    expect(page.items).toHaveLength(listed);
  });
});
