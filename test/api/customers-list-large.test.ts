import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { insertBulkCustomers } from '../helpers/bulk-customers.js';

type Page = { items: { id: string }[]; total: number; totalIsEstimate: boolean; nextCursor: string | null };

// Past the 1,000 matches below which the list collects and sorts them, an admin's unfiltered list
// reads its first page and its pages after a cursor straight along the sort index,
// by statements prepared once per shape; a deeper numbered page picks its ids by offset.
const population = { active: 7_000, suspended: 0, deleted: 0 };
const perPage = 40;
const pages = 4;

describe('a list of thousands of customers, read by cursor', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  await insertBulkCustomers(keel, population);
  // Companies repeated, and one customer in a hundred without one, so that the company sorts have
  // ties and cross from empty keys to set ones within the first pages.
  await keel.handle.db.execute(sql`
    update customers set company = 'Firm ' || (abs(hashtext(email)) % 40)
    where abs(hashtext(email)) % 100 > 0`);
  await keel.handle.db.execute(sql`analyze customers`);

  const list = async (query: string) => {
    const response = await admin.get(`/customers?perPage=${perPage}&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };

  const byNumber = async (sort: string) => {
    const ids: string[] = [];
    for (let page = 1; page <= pages; page++)
      ids.push(...(await list(`sort=${sort}&page=${page}`)).items.map((c) => c.id));
    return ids;
  };

  const byCursor = async (sort: string) => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 1; page <= pages; page++) {
      const read: Page = await list(`sort=${sort}${after ? `&after=${after}` : ''}`);
      expect(read).toMatchObject({ total: population.active, totalIsEstimate: false });
      ids.push(...read.items.map((c) => c.id));
      after = read.nextCursor;
    }
    return ids;
  };

  it.each(['name', '-name', 'company', '-company', 'email', '-siteCount', 'createdAt'])(
    'reads by cursor in sort %s what the numbered pages show, every time it is asked',
    async (sort) => {
      const numbered = await byNumber(sort);
      expect(new Set(numbered).size).toBe(perPage * pages);
      // Each page after a cursor more than five times, so that PostgreSQL has settled on one plan
      // for all the cursor's values by the last walk.
      for (let walk = 0; walk < 3; walk++) expect(await byCursor(sort)).toEqual(numbered);
    },
  );
});
