import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { insertBulkCustomers } from '../helpers/bulk-customers.js';
import { insertReseller } from '../helpers/customer-factory.js';

// Enough customers that the planner's estimate passes the 50,000 above which the list stops
// counting: 60,000 active, 12,000 suspended (more than the 10,000 counted exactly, fewer than the
// 50,000 estimated without a count) and 4,000 soft-deleted (counted exactly, though too many to
// collect and sort).
const population = { active: 60_000, suspended: 12_000, deleted: 4_000 };

describe('the customer list total', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await insertReseller(keel, { name: 'Small Reseller' });
  const resellerClient = await reseller.login();
  await insertBulkCustomers(keel, population, { resellerId: reseller.id });
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

  it('counts past 10,000 matches only far enough to know the total is an estimate', async () => {
    const page = await list('?status=suspended');
    expect(page.totalIsEstimate).toBe(true);
    expect(page.total).toBeGreaterThan(10_000);
    expect(page.total).toBeLessThan(suspended * 2);
    // The first page of all of them, not of the 10,001 the count stopped at.
    const firstByName = Array.from({ length: suspended }, (_, n) => `Customer ${n + 1}`)
      .sort()
      .slice(0, 25);
    expect(page.items.map((customer) => (customer as { lastName: string }).lastName)).toEqual(firstByName);
  });

  it('answers the next pages of the same filter alike, the count that passed 10,000 kept for a while', async () => {
    const first = await list('?status=suspended');
    expect(await list('?status=suspended')).toEqual(first);
    const second = await list('?status=suspended&page=2');
    expect(second).toMatchObject({ total: first.total, totalIsEstimate: true });
    const secondByName = Array.from({ length: suspended }, (_, n) => `Customer ${n + 1}`)
      .sort()
      .slice(25, 50);
    expect(second.items.map((customer) => (customer as { lastName: string }).lastName)).toEqual(secondByName);
  });

  it('without a search, is exact up to 10,000 matches', async () => {
    const page = await list('?status=deleted');
    expect(page).toMatchObject({ total: deleted, totalIsEstimate: false });
    const deletedByName = Array.from({ length: deleted }, (_, n) => `Customer ${suspended + n + 1}`)
      .sort()
      .slice(0, 25);
    expect(page.items.map((customer) => (customer as { lastName: string }).lastName)).toEqual(deletedByName);
  });

  it('with a search, is exact up to 10,000 matches as well', async () => {
    expect(await list('?q=customer%201234%40')).toMatchObject({ total: 0, totalIsEstimate: false });
    expect(await list('?q=bulk-1234%40')).toMatchObject({ total: 1, totalIsEstimate: false });
    // bulk-543, 5,430 to 5,439 and 54,300 to 54,399, none of them soft-deleted: 111.
    expect(await list('?q=bulk-543')).toMatchObject({ total: 111, totalIsEstimate: false });
    // bulk-23, 230 to 239, 2,300 to 2,399 and 23,000 to 23,999, none soft-deleted: 1,111.
    expect(await list('?q=bulk-23')).toMatchObject({ total: 1_111, totalIsEstimate: false });
    // bulk-1, 10 to 19, 100 to 199, 1,000 to 1,999 and 10,000 to 19,999, less the soft-deleted
    // 12,001 to 16,000: 7,111.
    expect(await list('?q=bulk-1')).toMatchObject({ total: 7_111, totalIsEstimate: false });
    // bulk-2, 20 to 29, 200 to 299, 2,000 to 2,999 and 20,000 to 29,999: 11,111.
    const many = await list('?q=bulk-2');
    expect(many.totalIsEstimate).toBe(true);
    expect(many.total).toBeGreaterThan(10_000);
  });

  it("is exact for a reseller's own customers among many others", async () => {
    const page = await list('', resellerClient);
    // Every thousandth bulk customer is the reseller's: numbers 1,000 to 76,000, four of them
    // (13,000 to 16,000) among the soft-deleted 12,001 to 16,000.
    const listed = 72;
    expect(page).toMatchObject({ total: listed, totalIsEstimate: false });
    expect(page.items).toHaveLength(25);
  });

  it('counts exactly when the statistics have not yet seen the matches', async () => {
    // A new reseller's 1,500 customers, written after the last ANALYZE: the planner expects almost
    // none of them, so the page is first read as for few, and read again once the count says more.
    const late = await insertReseller(keel, { name: 'Late Reseller' });
    const arrived = 1_500;
    await insertBulkCustomers(
      keel,
      { active: arrived, suspended: 0, deleted: 0 },
      { resellerId: late.id, resellerShare: 1, firstNumber: 100_001, analyze: false },
    );
    const client = await late.login();
    const page = await list('', client);
    expect(page).toMatchObject({ total: arrived, totalIsEstimate: false });
    const byName = Array.from({ length: arrived }, (_, n) => `Customer ${100_001 + n}`).sort();
    const lastNames = (answer: { items: unknown[] }) =>
      answer.items.map((customer) => (customer as { lastName: string }).lastName);
    expect(lastNames(page)).toEqual(byName.slice(0, 25));
    // Within seconds the same filter is known to hold many: its next page and another order are
    // read for many beside the count, and are as exact.
    const second = await list('?page=2', client);
    expect(second).toMatchObject({ total: arrived, totalIsEstimate: false });
    expect(lastNames(second)).toEqual(byName.slice(25, 50));
    const reversed = await list('?sort=-name', client);
    expect(reversed).toMatchObject({ total: arrived, totalIsEstimate: false });
    expect(lastNames(reversed)).toEqual(byName.slice(-25).reverse());
  });
});
