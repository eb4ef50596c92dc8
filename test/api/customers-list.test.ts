import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deleteCustomer } from '../../server/src/customers/delete-customer.js';
import { suspendCustomer } from '../../server/src/customers/suspend-customer.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { testApp } from '../helpers/app.js';
import { insertPackage, insertReseller, makeCustomer } from '../helpers/customer-factory.js';

type Item = { id: string; firstName: string; lastName: string; email: string; [key: string]: unknown };

describe('the customer list', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const alpha = await insertReseller(keel, { name: 'Alpha Reseller' });
  const beta = await insertReseller(keel, { name: 'beta reseller' });
  const alphaClient = await alpha.login();
  const betaClient = await beta.login();
  const small = await insertPackage(keel, { name: 'Small' });
  const large = await insertPackage(keel, { name: 'large' });

  // A fixed cast: names, companies and counts chosen so every sort has a known order.
  const ada = await makeCustomer(keel, {
    firstName: 'Ada',
    lastName: 'Lovelace',
    company: 'Analytical Engines',
    email: 'ada@engines.test',
    resellerId: alpha.id,
    packageId: small.id,
  });
  const alan = await makeCustomer(keel, {
    firstName: 'alan',
    lastName: 'turing',
    company: '100% Pure_Math \\ Ltd',
    email: 'alan@bletchley.test',
    resellerId: beta.id,
    packageId: large.id,
  });
  const grace = await makeCustomer(keel, {
    firstName: 'Grace',
    lastName: 'Hopper',
    email: 'grace@navy.test',
  });
  const twinA = await makeCustomer(keel, { firstName: 'Sam', lastName: 'Same', email: 'same1@x.test' });
  const twinB = await makeCustomer(keel, { firstName: 'Sam', lastName: 'Same', email: 'same2@x.test' });
  const suspended = await makeCustomer(keel, {
    firstName: 'Susan',
    lastName: 'Pended',
    email: 'susan@x.test',
    resellerId: alpha.id,
  });
  await suspendCustomer(keel.system, suspended.id, { reason: 'unpaid' });
  const deleted = await makeCustomer(keel, { firstName: 'Del', lastName: 'Eted', email: 'del@x.test' });
  await deleteCustomer(keel.system, deleted.id);
  await keel.handle.db
    .update(customers)
    .set({ siteCount: 3, databaseCount: 1 })
    .where(eq(customers.id, ada.id));
  await keel.handle.db
    .update(customers)
    .set({ siteCount: 1, databaseCount: 5 })
    .where(eq(customers.id, alan.id));
  const visible = [ada, alan, grace, twinA, twinB, suspended].map((c) => c.id);

  const list = async (query = '', client = admin) => {
    const response = await client.get(`/customers${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Item[]; total: number; page: number; perPage: number };
  };
  const ids = async (query: string, client = admin) => (await list(query, client)).items.map((i) => i.id);

  it('lists every customer that is not soft-deleted, with reseller and package names', async () => {
    const page = await list();
    expect(page).toMatchObject({ total: 6, page: 1, perPage: 25 });
    expect(page.items.map((i) => i.id).sort()).toEqual([...visible].sort());
    const first = page.items.find((i) => i.id === ada.id);
    expect(first).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines',
      email: 'ada@engines.test',
      status: 'active',
      reseller: { id: alpha.id, name: 'Alpha Reseller' },
      package: { id: small.id, name: 'Small' },
      siteCount: 3,
      databaseCount: 1,
    });
    expect(page.items.find((i) => i.id === grace.id)).toMatchObject({ reseller: null, package: null });
  });

  it('filters by status; soft-deleted customers show only under status=deleted', async () => {
    expect(await ids('?status=deleted')).toEqual([deleted.id]);
    expect(await ids('?status=suspended')).toEqual([suspended.id]);
    expect((await list('?status=active')).total).toBe(5);
    expect(await ids('?q=Del')).toEqual([]);
  });

  it("scopes a reseller to its own customers; resellerId narrows an admin's list", async () => {
    expect((await ids('', alphaClient)).sort()).toEqual([ada.id, suspended.id].sort());
    expect(await ids('', betaClient)).toEqual([alan.id]);
    expect((await ids(`?resellerId=${alpha.id}`)).sort()).toEqual([ada.id, suspended.id].sort());
    expect(await ids(`?resellerId=${beta.id}`)).toEqual([alan.id]);
    // A reseller asking for another reseller's customers gets none of them.
    expect(await ids(`?resellerId=${beta.id}`, alphaClient)).toEqual([]);
    expect((await ids(`?resellerId=${alpha.id}`, alphaClient)).length).toBe(2);
  });

  it('refuses the list to customers (403)', async () => {
    const client = await grace.login();
    expect((await client.get('/customers')).statusCode).toBe(403);
  });

  it('searches first name, last name, full name, company and email, ignoring case', async () => {
    expect(await ids('?q=ada')).toEqual([ada.id]);
    expect(await ids('?q=LOVELACE')).toEqual([ada.id]);
    expect(await ids(`?q=${encodeURIComponent('Ada Lovelace')}`)).toEqual([ada.id]);
    expect(await ids(`?q=${encodeURIComponent('a lovel')}`)).toEqual([ada.id]);
    expect(await ids('?q=engines')).toEqual([ada.id]);
    expect(await ids('?q=BLETCHLEY.TEST')).toEqual([alan.id]);
    expect(await ids(`?q=${encodeURIComponent('  grace  ')}`)).toEqual([grace.id]);
    expect((await ids('?q=')).length).toBe(6);
  });

  it('takes %, _ and \\ in a search literally', async () => {
    expect(await ids(`?q=${encodeURIComponent('100%')}`)).toEqual([alan.id]);
    expect(await ids(`?q=${encodeURIComponent('0% P')}`)).toEqual([alan.id]);
    expect(await ids(`?q=${encodeURIComponent('Pure_Math')}`)).toEqual([alan.id]);
    expect(await ids(`?q=${encodeURIComponent('e_M')}`)).toEqual([alan.id]);
    expect(await ids(`?q=${encodeURIComponent('h \\ L')}`)).toEqual([alan.id]);
    expect(await ids(`?q=${encodeURIComponent('Pure%Math')}`)).toEqual([]);
    expect(await ids(`?q=${encodeURIComponent("' OR 1=1 --")}`)).toEqual([]);
  });

  const sorted = async (sort: string) => (await list(`?sort=${sort}`)).items;

  it('sorts by name (last, then first), case-insensitively, with id breaking ties', async () => {
    const [lowTwin, highTwin] = [twinA.id, twinB.id].sort();
    const byName = (await sorted('name')).map((i) => i.id);
    expect(byName).toEqual([grace.id, ada.id, suspended.id, lowTwin, highTwin, alan.id]);
    const descending = (await sorted('-name')).map((i) => i.id);
    expect(descending).toEqual([alan.id, highTwin, lowTwin, suspended.id, ada.id, grace.id]);
    expect((await list()).items.map((i) => i.id)).toEqual(byName);
  });

  it('sorts by every column both ways', async () => {
    const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);
    const key: Record<string, (item: Item) => unknown> = {
      company: (i) => lower(i.company),
      email: (i) => i.email,
      status: (i) => i.status,
      reseller: (i) => lower((i.reseller as { name: string } | null)?.name ?? null),
      package: (i) => lower((i.package as { name: string } | null)?.name ?? null),
      siteCount: (i) => i.siteCount,
      databaseCount: (i) => i.databaseCount,
      createdAt: (i) => i.createdAt,
    };
    // PostgreSQL puts nulls last ascending and first descending; id breaks ties the same way.
    const compare = (a: Item, b: Item, field: string) => {
      const [x, y] = [key[field]?.(a), key[field]?.(b)];
      if (x === y) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x as string | number) < (y as string | number) ? -1 : 1;
    };
    for (const field of Object.keys(key)) {
      const ascending = await sorted(field);
      expect(
        ascending.map((i) => i.id),
        field,
      ).toEqual([...ascending].sort((a, b) => compare(a, b, field)).map((i) => i.id));
      const descending = await sorted(`-${field}`);
      expect(
        descending.map((i) => i.id),
        `-${field}`,
      ).toEqual(ascending.map((i) => i.id).reverse());
    }
    expect((await sorted('siteCount')).slice(-2).map((i) => i.id)).toEqual([alan.id, ada.id]);
    expect((await sorted('-databaseCount'))[0]?.id).toBe(alan.id);
    expect((await sorted('reseller')).slice(0, 3).map((i) => i.id)).toEqual([
      ...[ada.id, suspended.id].sort(),
      alan.id,
    ]);
  });

  it('pages with a total, never repeating or skipping a customer', async () => {
    const all = await ids('?sort=name');
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const result = await list(`?sort=name&perPage=2&page=${page}`);
      expect(result).toMatchObject({ total: 6, page, perPage: 2 });
      pages.push(...result.items.map((i) => i.id));
    }
    expect(pages).toEqual(all);
    expect(await list('?page=4&perPage=2')).toMatchObject({ items: [], total: 6 });
    expect((await list('?perPage=100')).perPage).toBe(100);
  });

  it('answers bad parameters with 400', async () => {
    const bad = [
      '?page=0',
      '?page=-1',
      '?page=abc',
      '?page=1.5',
      '?perPage=0',
      '?perPage=101',
      '?perPage=ten',
      '?sort=password',
      '?sort=--name',
      '?sort=name,email',
      '?sort=',
      '?status=gone',
      '?status=',
      '?resellerId=not-a-uuid',
      `?q=${'x'.repeat(201)}`,
      `?q=${encodeURIComponent('tab\there')}`,
      '?unknown=1',
      '?page=99999999999',
    ];
    for (const query of bad) {
      const response = await admin.get(`/customers${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
