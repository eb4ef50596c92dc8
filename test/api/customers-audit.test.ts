import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { insertReseller, makeCustomer } from '../helpers/customer-factory.js';

const eventKeys = [
  'action',
  'actor',
  'actorRole',
  'at',
  'customerId',
  'customerName',
  'details',
  'id',
  'impersonator',
  'ip',
  'resellerId',
  'resellerName',
  'target',
  'userAgent',
];

type Event = { id: string; at: string; action: string; [key: string]: unknown };

describe("a customer's own audit log", async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await insertReseller(keel, { name: 'Rita Reseller' });
  const otherReseller = await insertReseller(keel);
  const customer = await makeCustomer(keel, { resellerId: reseller.id });
  const neighbour = await makeCustomer(keel, { resellerId: reseller.id });

  // A story: an admin edits, the reseller impersonates and creates a site, the customer signs in.
  await admin.patch(`/customers/${customer.id}`, { company: 'Story Ltd' });
  await admin.patch(`/customers/${neighbour.id}`, { company: 'Not this one' });
  const support = await reseller.login();
  await support.post(`/customers/${customer.id}/impersonate`, { reason: 'ticket 7' });
  const site = await support.post(`/customers/${customer.id}/websites`, { domain: 'story.example' });
  await support.post('/auth/impersonation/stop');
  const own = await customer.login();

  const log = async (query = '', client = own) => {
    const response = await client.get(`/customers/${customer.id}/audit${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Event[]; total: number; page: number; perPage: number };
  };

  it('lists every event about the customer, newest first, in the API shape', async () => {
    const page = await log();
    expect(page).toMatchObject({ page: 1, perPage: 25 });
    expect(page.items.map((e) => e.action)).toEqual([
      'auth.login',
      'impersonation.stopped',
      'website.created',
      'impersonation.started',
      'customer.updated',
      'customer.created',
    ]);
    expect(page.total).toBe(6);
    for (const event of page.items) {
      expect(Object.keys(event).sort()).toEqual(eventKeys);
      expect(event.customerId).toBe(customer.id);
    }
    const ids = page.items.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const created = page.items.at(-1);
    expect(created).toMatchObject({ actor: null, actorRole: 'system', impersonator: null });
    const edited = page.items.find((e) => e.action === 'customer.updated');
    expect(edited).toMatchObject({
      actor: { id: expect.any(String), email: expect.stringMatching(/^admin/), role: 'admin' },
      target: { type: 'customer', id: customer.id },
      details: { changes: { company: { from: null, to: 'Story Ltd' } } },
    });
    expect(typeof edited?.at).toBe('string');
    expect(new Date(edited?.at as string).toISOString()).toBe(edited?.at);
  });

  it('shows what was done while impersonating with both identities, by their names', async () => {
    expect(site.statusCode).toBe(201);
    const shown = (await admin.get(`/customers/${customer.id}`)).json();
    const created = (await log('?action=website.created')).items[0];
    expect(created).toMatchObject({
      actor: { email: customer.email, role: 'customer' },
      actorRole: 'customer',
      impersonator: { email: reseller.email, name: 'Rita Reseller', role: 'reseller' },
      customerName: `Story Ltd (${shown.firstName} ${shown.lastName})`,
      resellerId: reseller.id,
      resellerName: 'Rita Reseller',
      details: { domain: 'story.example' },
    });
    expect(created?.actor).toMatchObject({ name: `${shown.firstName} ${shown.lastName}` });
  });

  it('is readable by admins and the owning reseller, and 404 for everyone else', async () => {
    expect((await log('', admin)).total).toBe(6);
    expect((await log('', await reseller.login())).total).toBe(6);
    for (const client of [await otherReseller.login(), await neighbour.login()]) {
      expect((await client.get(`/customers/${customer.id}/audit`)).statusCode).toBe(404);
    }
    expect((await admin.get('/customers/00000000-0000-4000-8000-000000000000/audit')).statusCode).toBe(404);
    expect((await keel.anonymous().get(`/customers/${customer.id}/audit`)).statusCode).toBe(401);
  });

  it('pages and sorts', async () => {
    const newest = await log();
    const pageTwo = await log('?perPage=2&page=2');
    expect(pageTwo).toMatchObject({ total: 6, page: 2, perPage: 2 });
    expect(pageTwo.items.map((e) => e.id)).toEqual(newest.items.slice(2, 4).map((e) => e.id));
    expect((await log('?sort=at')).items.map((e) => e.id)).toEqual(newest.items.map((e) => e.id).reverse());
    expect((await log('?sort=-at')).items.map((e) => e.id)).toEqual(newest.items.map((e) => e.id));
    const byAction = (await log('?sort=action')).items.map((e) => e.action);
    expect(byAction).toEqual([...byAction].sort());
  });

  it('answers bad list parameters with 400', async () => {
    for (const query of [
      '?page=0',
      '?perPage=101',
      '?sort=actor',
      '?sort=',
      '?action=DROP TABLE',
      '?foo=1',
    ]) {
      const response = await own.get(`/customers/${customer.id}/audit${query}`);
      expect(response.statusCode, query).toBe(400);
    }
  });
});
