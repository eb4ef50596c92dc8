import { describe, expect, it } from 'vitest';
import { record } from '../../server/src/audit/record.js';
import { testApp } from '../helpers/app.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe('audit log', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const adminUser = (await admin.get('/auth/session')).json().user;
  const resellerA = await makeReseller(keel, { name: 'Ana Reseller' });
  const resellerB = await makeReseller(keel);
  const customerA = await makeCustomerOf(keel, resellerA.id);
  const customerB = await makeCustomerOf(keel, resellerB.id);
  const asResellerA = await resellerA.login();
  await customerA.login();
  await customerB.login();
  await (await resellerB.login()).post('/auth/logout');
  // An admin's change about customer A, recorded without naming the reseller: the log finds it.
  await record(
    keel.handle.db,
    { actor: keel.system.actor, origin: keel.system.origin },
    {
      action: 'customer.updated',
      customerId: customerA.id,
      target: { type: 'customer', id: customerA.id },
      details: { changes: { company: { from: null, to: '50%_off Ltd' } }, password: 'must never show' },
    },
  );

  const customerAShown = (await admin.get(`/customers/${customerA.id}`)).json();
  const customerNameA = `${customerAShown.firstName} ${customerAShown.lastName}`;

  it('lists events newest first with the API’s event shape', async () => {
    const response = await admin.get('/audit');
    expect(response.statusCode).toBe(200);
    const page = response.json();
    expect(page).toMatchObject({ page: 1, perPage: 25, total: expect.any(Number) });
    const ids = page.items.map((event: { id: string }) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const [latest] = page.items;
    expect(latest).toEqual({
      id: expect.any(String),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      action: 'customer.updated',
      actor: null,
      actorRole: 'system',
      impersonator: null,
      customerId: customerA.id,
      customerName: customerNameA,
      resellerId: resellerA.id,
      resellerName: 'Ana Reseller',
      target: { type: 'customer', id: customerA.id },
      ip: null,
      userAgent: null,
      details: { changes: { company: { from: null, to: '50%_off Ltd' } } },
    });
    const login = page.items.find(
      (event: { action: string; actor: { id: string } | null }) =>
        event.action === 'auth.login' && event.actor?.id === adminUser.id,
    );
    expect(login).toMatchObject({
      actor: { id: adminUser.id, email: adminUser.email, name: adminUser.name, role: 'admin' },
      ip: '127.0.0.1',
    });
  });

  it('filters by action, actor, customer, time and search text, with % and _ taken literally', async () => {
    const byAction = (await admin.get('/audit?action=auth.logout')).json();
    expect(byAction.items.map((event: { action: string }) => event.action)).toEqual(['auth.logout']);
    const byActor = (await admin.get(`/audit?actorId=${adminUser.id}`)).json();
    expect(byActor.total).toBeGreaterThan(0);
    expect(byActor.items.every((event: { actor: { id: string } }) => event.actor.id === adminUser.id)).toBe(
      true,
    );
    const byCustomer = (await admin.get(`/audit?customerId=${customerB.id}`)).json();
    expect(byCustomer.items.map((event: { action: string }) => event.action)).toContain('auth.login');
    expect(byCustomer.items.every((event: { customerId: string }) => event.customerId === customerB.id)).toBe(
      true,
    );
    const found = (await admin.get(`/audit?q=${encodeURIComponent(customerB.email.toUpperCase())}`)).json();
    expect(found.total).toBeGreaterThan(0);
    expect(found.items.every((event: { customerId: string }) => event.customerId === customerB.id)).toBe(
      true,
    );
    expect((await admin.get('/audit?q=%25')).json().total).toBe(0);
    expect((await admin.get('/audit?q=_')).json().total).toBe(0);
    const future = new Date(keel.clock.now().getTime() + 60_000).toISOString();
    expect((await admin.get(`/audit?from=${future}`)).json().total).toBe(0);
    const all = (await admin.get('/audit')).json().total;
    expect((await admin.get(`/audit?to=${future}`)).json().total).toBe(all);
  });

  it('pages with a total and sorts oldest first on request', async () => {
    const all = (await admin.get('/audit?perPage=100')).json();
    const first = (await admin.get('/audit?perPage=2&page=1')).json();
    const second = (await admin.get('/audit?perPage=2&page=2')).json();
    expect(first).toMatchObject({ total: all.total, page: 1, perPage: 2 });
    expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 4));
    const oldest = (await admin.get('/audit?sort=at&perPage=100')).json();
    expect(oldest.items).toEqual([...all.items].reverse());
    expect((await admin.get('/audit?page=999')).json()).toMatchObject({ items: [], total: all.total });
  });

  it('shows a reseller only its own and its customers’ events', async () => {
    const page = (await asResellerA.get('/audit?perPage=100')).json();
    const customerIds = new Set(page.items.map((event: { customerId: string | null }) => event.customerId));
    expect(customerIds.has(customerA.id)).toBe(true);
    expect(customerIds.has(customerB.id)).toBe(false);
    const actors = page.items.map((event: { actor: { email: string } | null }) => event.actor?.email);
    expect(actors).toContain(resellerA.email);
    expect(actors).not.toContain(resellerB.email);
    expect(actors).not.toContain(adminUser.email);
    expect(page.items.map((event: { action: string }) => event.action)).toContain('customer.updated');
    // Asking for another reseller's customer finds nothing rather than an error that reveals it.
    const foreign = await asResellerA.get(`/audit?customerId=${customerB.id}`);
    expect(foreign.statusCode).toBe(200);
    expect(foreign.json().total).toBe(0);
  });

  it('filters by reseller: its own and its customers’ events, names as they are now', async () => {
    const byReseller = (await admin.get(`/audit?resellerId=${resellerA.id}&perPage=100`)).json();
    expect(byReseller.total).toBeGreaterThan(0);
    expect(byReseller.items.every((event: { resellerId: string }) => event.resellerId === resellerA.id)).toBe(
      true,
    );
    const customerIds = new Set(
      byReseller.items.map((event: { customerId: string | null }) => event.customerId),
    );
    expect(customerIds.has(customerA.id)).toBe(true);
    expect(customerIds.has(customerB.id)).toBe(false);
    expect(
      byReseller.items.map((event: { actor: { email: string } | null }) => event.actor?.email),
    ).toContain(resellerA.email);
    expect((await admin.get('/audit?resellerId=not-a-uuid')).statusCode).toBe(400);

    // A customer renamed, with a company now: earlier events name it as it is now.
    const edited = await admin.patch(`/customers/${customerA.id}`, {
      company: 'Müller GmbH',
      version: customerAShown.version,
    });
    expect(edited.statusCode).toBe(200);
    const [latest] = (await admin.get(`/audit?customerId=${customerA.id}&action=auth.login`)).json().items;
    expect(latest.customerName).toBe(`Müller GmbH (${customerNameA})`);
  });

  it('keeps an event only if the change it records commits, and never a secret at any depth', async () => {
    const who = { actor: keel.system.actor, origin: keel.system.origin };
    const failed = keel.handle.db.transaction(async (tx) => {
      await record(tx, who, { action: 'reseller.deleted', details: { name: 'rolled back' } });
      throw new Error('the change failed');
    });
    await expect(failed).rejects.toThrow('the change failed');
    expect((await admin.get('/audit?action=reseller.deleted')).json().total).toBe(0);
    await record(keel.handle.db, who, {
      action: 'reseller.updated',
      details: {
        changes: { password: { from: 'old secret', to: 'new secret' }, name: { from: 'A', to: 'B' } },
        apiToken: 'keel_secret',
        tokenHash: 'abc',
        currentPassword: 'typed secret',
        passwordPolicy: { minLength: 15 },
      },
    });
    const [event] = (await admin.get('/audit?action=reseller.updated')).json().items;
    expect(event.details).toEqual({
      changes: { name: { from: 'A', to: 'B' } },
      passwordPolicy: { minLength: 15 },
    });
  });

  it('is not for customers', async () => {
    const client = await customerA.login();
    expect((await client.get('/audit')).statusCode).toBe(403);
    expect((await keel.anonymous().get('/audit')).statusCode).toBe(401);
  });

  const badQueries = [
    'perPage=101',
    'perPage=0',
    'page=0',
    'page=-1',
    'page=abc',
    'sort=email',
    'sort=--at',
    'action=DROP%20TABLE',
    'customerId=42',
    'actorId=%27%20or%201%3D1--',
    'from=yesterday',
    `q=${'x'.repeat(201)}`,
    'unknown=1',
  ];
  it.each(badQueries)('answers ?%s with 400 and the field at fault', async (query) => {
    const response = await admin.get(`/audit?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const field = query.split('=')[0];
    expect(response.json().errors.map((error: { field: string }) => error.field)).toContain(field);
  });
});
