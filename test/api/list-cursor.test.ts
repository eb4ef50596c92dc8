import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deleteCustomer } from '../../server/src/customers/delete-customer.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { testApp } from '../helpers/app.js';
import type { ApiClient } from '../helpers/client.js';
import {
  insertPackage,
  insertReseller,
  type MadeCustomer,
  makeCustomer,
} from '../helpers/customer-factory.js';

type Page = { items: { id: string }[]; total: number; page: number | null; nextCursor: string | null };

const customerSorts = [
  'name',
  'company',
  'email',
  'status',
  'reseller',
  'package',
  'siteCount',
  'databaseCount',
  'createdAt',
];

describe('walking a list by cursor', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await insertReseller(keel, { name: 'Walk Reseller' });
  const hostingPackage = await insertPackage(keel, { name: 'Walk Package' });

  // Repeated names, companies and counts, and nulls, so that every sort has ties and empty keys.
  const cast: MadeCustomer[] = [];
  for (let n = 0; n < 14; n++) {
    cast.push(
      await makeCustomer(keel, {
        firstName: n % 3 === 0 ? 'Émile' : 'Ann',
        lastName: n % 2 === 0 ? 'Walker' : 'Zoë',
        company: n % 4 === 0 ? undefined : `Company ${n % 3}`,
        email: `walker-${String(n).padStart(2, '0')}@walk.test`,
        resellerId: n % 2 === 0 ? reseller.id : undefined,
        packageId: n % 5 === 0 ? hostingPackage.id : undefined,
      }),
    );
  }
  // Times that differ in microseconds only, which a millisecond clock would round together.
  for (const [index, customer] of cast.slice(0, 5).entries()) {
    await keel.handle.db
      .update(customers)
      .set({
        createdAt: sql`timestamptz '2026-12-01 10:00:00.123456+00' + ${`${index % 3} microseconds`}::interval`,
        siteCount: index % 2,
      })
      .where(eq(customers.id, customer.id));
  }

  const get = async (client: ApiClient, path: string) => {
    const response = await client.get(path);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };

  /** Every id of a list, page after page by cursor, with `between` run after each page. */
  async function walk(
    path: string,
    perPage: number,
    between: (seen: string[]) => Promise<void> = async () => {},
  ) {
    const separator = path.includes('?') ? '&' : '?';
    const seen: string[] = [];
    let page = await get(admin, `${path}${separator}perPage=${perPage}`);
    for (let pages = 1; ; pages++) {
      expect(pages).toBeLessThan(100);
      seen.push(...page.items.map((item) => item.id));
      if (page.nextCursor === null) return seen;
      expect(page.items).toHaveLength(perPage);
      await between(seen);
      page = await get(admin, `${path}${separator}perPage=${perPage}&after=${page.nextCursor}`);
      expect(page.page).toBeNull();
    }
  }

  const wholeList = async (path: string) => {
    const separator = path.includes('?') ? '&' : '?';
    const page = await get(admin, `${path}${separator}perPage=100`);
    expect(page.nextCursor).toBeNull();
    return page.items.map((item) => item.id);
  };

  it.each(customerSorts.flatMap((field) => [field, `-${field}`]))(
    'gives every customer once, in the order of the numbered pages, sorted by %s',
    async (sort) => {
      const expected = await wholeList(`/customers?sort=${sort}`);
      expect(expected.length).toBeGreaterThanOrEqual(14);
      expect(await walk(`/customers?sort=${sort}`, 3)).toEqual(expected);
    },
  );

  it('walks with filters and a search too', async () => {
    const path = `/customers?resellerId=${reseller.id}&q=walker&sort=-company`;
    const expected = await wholeList(path);
    expect(expected).toHaveLength(7);
    expect(await walk(path, 2)).toEqual(expected);
  });

  it('neither repeats nor skips a customer that existed throughout, while others come and go', async () => {
    const before = await wholeList('/customers?sort=email');
    const created: string[] = [];
    const deleted: string[] = [];
    let round = 0;
    const seen = await walk('/customers?sort=email', 4, async (readSoFar) => {
      round++;
      // One sorts before everything already read, one after; one not yet read is deleted.
      created.push((await makeCustomer(keel, { email: `aaa-${round}@walk.test` })).id);
      created.push((await makeCustomer(keel, { email: `zzz-${round}@walk.test` })).id);
      const notYetRead = before.findLast((id) => !readSoFar.includes(id) && !deleted.includes(id));
      if (notYetRead) {
        await deleteCustomer(keel.system, notYetRead);
        deleted.push(notYetRead);
      }
    });
    expect(deleted.length).toBeGreaterThan(1);
    const throughout = before.filter((id) => !deleted.includes(id));
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of throughout) expect(seen).toContain(id);
    for (const id of deleted) expect(seen).not.toContain(id);
    expect(seen.filter((id) => created.includes(id)).length).toBeGreaterThan(0);
  });

  it('gives the first numbered page a cursor to start a walk from, and none on the last page', async () => {
    const first = await get(admin, '/customers?perPage=5');
    expect(first.page).toBe(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const everything = await get(admin, '/customers?perPage=100');
    expect(everything.nextCursor).toBeNull();
  });

  it('refuses a cursor that is not one, or was made for another sort, with 400 and the field', async () => {
    const cursor = (await get(admin, '/customers?perPage=2&sort=email')).nextCursor as string;
    for (const [query, detail] of [
      [`sort=name&after=${cursor}`, /sort "email", not "name"/],
      ['after=bm90LWpzb24', /does not decode/],
      [`after=${Buffer.from('{"sort":"name","key":[1]}').toString('base64url')}`, /does not fit/],
      ['after=has%20spaces', /must match pattern/],
    ] as const) {
      const response = await admin.get(`/customers?${query}`);
      expect(response.statusCode, query).toBe(400);
      const problem = response.json() as { detail: string; errors: { field: string; message: string }[] };
      expect(problem.errors.map((error) => error.field)).toEqual([expect.stringMatching(/after/)]);
      expect([problem.detail, ...problem.errors.map((error) => error.message)].join(' ')).toMatch(detail);
    }
  });

  it('walks resellers, packages, the audit log and a customer’s websites the same way', async () => {
    for (let n = 0; n < 4; n++) {
      await insertReseller(keel, { name: `Walk Reseller ${n % 2}` });
      await insertPackage(keel, { name: `Walk Package ${n}` });
    }
    const owner = cast[1] as MadeCustomer;
    for (const domain of ['b.walk.test', 'a.walk.test', 'c.walk.test', 'd.walk.test']) {
      const created = await admin.post(`/customers/${owner.id}/websites`, { domain });
      expect(created.statusCode, created.body).toBe(201);
    }
    for (const path of [
      '/resellers?sort=-name',
      '/resellers?sort=company',
      '/resellers?sort=customerCount',
      '/packages?sort=owner',
      '/packages',
      '/audit',
      '/audit?sort=action',
      `/customers/${owner.id}/audit`,
      `/customers/${owner.id}/websites`,
      `/customers/${owner.id}/websites?sort=-createdAt`,
    ]) {
      const expected = await wholeList(path);
      expect(expected.length, path).toBeGreaterThan(3);
      expect(await walk(path, 2), path).toEqual(expected);
    }
  });
});
