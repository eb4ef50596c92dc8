import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { insertBulkCustomers } from '../helpers/bulk-customers.js';
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
  await insertBulkCustomers(keel, population, reseller.id);
  const { active, suspended, deleted } = population;

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
    // The first page of all of them, not of the 1,001 the count stopped at.
    const firstByName = Array.from({ length: suspended }, (_, n) => `Customer ${n + 1}`)
      .sort()
      .slice(0, 25);
    expect(page.items.map((customer) => (customer as { lastName: string }).lastName)).toEqual(firstByName);
  });

  it('answers the next pages of the same filter alike, the count that passed 1,000 kept for a while', async () => {
    const first = await list('?status=suspended');
    expect(await list('?status=suspended')).toEqual(first);
    const second = await list('?status=suspended&page=2');
    expect(second).toMatchObject({ total: first.total, totalIsEstimate: true });
    const secondByName = Array.from({ length: suspended }, (_, n) => `Customer ${n + 1}`)
      .sort()
      .slice(25, 50);
    expect(second.items.map((customer) => (customer as { lastName: string }).lastName)).toEqual(secondByName);
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
