import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { insertBulkCustomers } from '../helpers/bulk-customers.js';

// Lists are written item by item as bytes (server/src/http/serialization.ts): the answer must be
// the same JSON, its Content-Length its length in bytes, whatever the names' scripts.
describe('a list answer written item by item', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  await insertBulkCustomers(keel, { active: 120, suspended: 0, deleted: 0 });
  // Names of one, two, three and four UTF-8 bytes a letter, and quotes and backslashes to escape.
  await keel.handle.db.execute(sql`
    update customers set first_name = 'Zoë "Ōtsuka" \\ 李', last_name = 'Łukasiewicz 🦉',
      company = E'Ünïcode\\tGmbH'
    where email = 'bulk-7@example.test'`);

  it('answers a page of 100 as the JSON of its customers, each as GET /customers/{id} shows it', async () => {
    const response = await admin.get('/customers?perPage=100&sort=email');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    const page = response.json() as { items: { id: string; email: string }[] };
    expect(Object.keys(page)).toEqual(['items', 'total', 'page', 'perPage', 'nextCursor', 'totalIsEstimate']);
    expect(page).toMatchObject({ total: 120, page: 1, perPage: 100, totalIsEstimate: false });
    expect(page.items).toHaveLength(100);
    const seventh = page.items.find((customer) => customer.email === 'bulk-7@example.test');
    expect(seventh).toMatchObject({
      firstName: 'Zoë "Ōtsuka" \\ 李',
      lastName: 'Łukasiewicz 🦉',
      company: 'Ünïcode\tGmbH',
    });
    for (const listed of [seventh, page.items[0], page.items[99]]) {
      const single = await admin.get(`/customers/${listed?.id}`);
      expect(listed).toEqual(single.json());
    }
  });

  it('answers an empty page with its envelope', async () => {
    const response = await admin.get('/customers?q=nobody-is-called-this');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      items: [],
      total: 0,
      page: 1,
      perPage: 25,
      nextCursor: null,
      totalIsEstimate: false,
    });
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
  });

  it('answers a list that is only its items', async () => {
    const response = await admin.get('/servers');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: { name: string }[] };
    expect(Object.keys(body)).toEqual(['items']);
    expect(body.items.length).toBeGreaterThan(0);
  });
});
