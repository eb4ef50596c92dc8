import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { databases } from '../../server/src/databases/databases.table.js';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { websites } from '../../server/src/websites/websites.table.js';
import { testApp } from '../helpers/app.js';
import { makePackage } from '../helpers/package-factory.js';
import { purgeThroughApi, startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe('websites and databases of a customer, through the API', async () => {
  const keel = await testApp();
  const services = await startReconciler(keel, {
    dataDir: await mkdtemp(path.join(tmpdir(), 'keel-hosting-')),
  });
  const admin = await keel.admin();

  const counts = async (customerId: string) => {
    const [row] = await keel.handle.db
      .select({ sites: customers.siteCount, databases: customers.databaseCount })
      .from(customers)
      .where(eq(customers.id, customerId));
    return row;
  };

  it('creates a website with a normalized domain and keeps the site count in step', async () => {
    const customer = await makeCustomerOf(keel, null);
    const created = await admin.post(`/customers/${customer.id}/websites`, {
      domain: '  Bücher.Example.COM ',
    });
    expect(created.statusCode).toBe(201);
    const website = created.json();
    expect(website).toMatchObject({ domain: 'xn--bcher-kva.example.com', enabled: true });
    expect(website.documentRoot).toContain(customer.id);
    expect(website.documentRoot).toContain(website.id);
    expect(await counts(customer.id)).toEqual({ sites: 1, databases: 0 });
    const listed = await admin.get(`/customers/${customer.id}/websites`);
    expect(listed.json()).toMatchObject({ total: 1, page: 1, perPage: 25, items: [{ id: website.id }] });
  });

  it('leaves resources pending with the missing setting named when no service is configured', async () => {
    const customer = await makeCustomerOf(keel, null);
    const website = (
      await admin.post(`/customers/${customer.id}/websites`, { domain: 'pending.example.net' })
    ).json();
    await services.reconciler.settle();
    const read = (await admin.get(`/customers/${customer.id}/websites/${website.id}`)).json();
    expect(read.provisioning.state).toBe('pending');
    expect(read.provisioning.error).toMatch(/KEEL_WEB_PORT/);
    const { database } = (await admin.post(`/customers/${customer.id}/databases`, { name: 'shop' })).json();
    await services.reconciler.settle();
    const readDb = (await admin.get(`/customers/${customer.id}/databases/${database.id}`)).json();
    expect(readDb.provisioning).toMatchObject({ state: 'pending' });
    expect(readDb.provisioning.error).toMatch(/KEEL_MARIADB_URL/);
  });

  it.each([
    ['*.example.com', /Wildcard/],
    ['example.com/path', /path/],
    ['localhost', /dot/],
    ['exa mple.com', /not allowed/],
    ['192.168.1.1', /IP/],
    ['a..b.com', /empty label/],
  ])('refuses the domain %s with 422 and stores nothing', async (domain, reason) => {
    const customer = await makeCustomerOf(keel, null);
    const response = await admin.post(`/customers/${customer.id}/websites`, { domain });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0]).toMatchObject({
      field: 'domain',
      message: expect.stringMatching(reason),
    });
    expect(await keel.handle.db.select().from(websites).where(eq(websites.customerId, customer.id))).toEqual(
      [],
    );
    expect(await counts(customer.id)).toEqual({ sites: 0, databases: 0 });
  });

  it('keeps a domain unique across all customers', async () => {
    const first = await makeCustomerOf(keel, null);
    const second = await makeCustomerOf(keel, null);
    expect(
      (await admin.post(`/customers/${first.id}/websites`, { domain: 'taken.example.org' })).statusCode,
    ).toBe(201);
    const again = await admin.post(`/customers/${second.id}/websites`, { domain: 'TAKEN.example.org' });
    expect(again.statusCode).toBe(409);
    expect(await counts(second.id)).toEqual({ sites: 0, databases: 0 });
  });

  it("enforces the package's limits with 422 naming the limit", async () => {
    const plan = await makePackage(keel, { limits: { sites: 1, databases: 0 } });
    const customer = await makeCustomerOf(keel, null, { packageId: plan.id });
    expect(
      (await admin.post(`/customers/${customer.id}/websites`, { domain: 'one.example.org' })).statusCode,
    ).toBe(201);
    const second = await admin.post(`/customers/${customer.id}/websites`, { domain: 'two.example.org' });
    expect(second.statusCode).toBe(422);
    expect(second.json().detail).toMatch(/allows 1 websites/);
    const database = await admin.post(`/customers/${customer.id}/databases`, { name: 'shop' });
    expect(database.statusCode).toBe(422);
    expect(database.json().errors).toEqual([
      { field: 'limits.databases', message: 'package limit of 0 reached' },
    ]);
  });

  it('turns a website off and deletes it, audited, with the count back down', async () => {
    const customer = await makeCustomerOf(keel, null);
    const website = (
      await admin.post(`/customers/${customer.id}/websites`, { domain: 'switch.example.org' })
    ).json();
    const off = await admin.patch(`/customers/${customer.id}/websites/${website.id}`, { enabled: false });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ enabled: false, provisioning: { state: 'pending' } });
    expect((await admin.delete(`/customers/${customer.id}/websites/${website.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/customers/${customer.id}/websites/${website.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/customers/${customer.id}/websites`)).json().total).toBe(0);
    expect(await counts(customer.id)).toEqual({ sites: 0, databases: 0 });
    const actions = await keel.handle.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.customerId, customer.id))
      .orderBy(asc(auditEvents.id));
    const websiteEvents = actions.filter((event) => event.action.startsWith('website.'));
    expect(websiteEvents.map((event) => event.action)).toEqual([
      'website.created',
      'website.updated',
      'website.deleted',
    ]);
    expect(websiteEvents[1]?.details).toMatchObject({ enabled: { from: true, to: false } });
  });

  it('creates a database whose password is shown once and stored only as MariaDB hash', async () => {
    const customer = await makeCustomerOf(keel, null);
    const response = await admin.post(`/customers/${customer.id}/databases`, { name: 'shop_main' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const { database, password } = response.json();
    expect(database.name).toMatch(/^k[0-9a-f]{8}_shop_main$/);
    expect(database.user).toMatch(/^k[0-9a-f]{8}_shop_main$/);
    expect(password.length).toBeGreaterThanOrEqual(22);
    const [stored] = await keel.handle.db.select().from(databases).where(eq(databases.id, database.id));
    expect(stored?.passwordHash).toMatch(/^\*[0-9A-F]{40}$/);
    expect(
      JSON.stringify(await admin.get(`/customers/${customer.id}/databases`).then((r) => r.json())),
    ).not.toContain(password);
    expect(await counts(customer.id)).toEqual({ sites: 0, databases: 1 });
    const duplicate = await admin.post(`/customers/${customer.id}/databases`, { name: 'shop_main' });
    expect(duplicate.statusCode).toBe(409);
  });

  it.each([['shop$'], ['1shop'], ['shop-main'], ["shop'; drop table users; --"], ['x'.repeat(60)]])(
    'refuses the database name %s',
    async (name) => {
      const customer = await makeCustomerOf(keel, null);
      const response = await admin.post(`/customers/${customer.id}/databases`, { name });
      expect([400, 422]).toContain(response.statusCode);
      expect(await counts(customer.id)).toEqual({ sites: 0, databases: 0 });
    },
  );

  it("sets or generates a database user's password under the policy", async () => {
    const customer = await makeCustomerOf(keel, null);
    const { database } = (await admin.post(`/customers/${customer.id}/databases`, { name: 'app' })).json();
    const [before] = await keel.handle.db.select().from(databases).where(eq(databases.id, database.id));
    const weak = await admin.post(`/customers/${customer.id}/databases/${database.id}/password`, {
      password: 'short',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors.length).toBeGreaterThan(0);
    const generated = await admin.post(`/customers/${customer.id}/databases/${database.id}/password`, {});
    expect(generated.statusCode).toBe(200);
    expect(generated.json().password).toEqual(expect.any(String));
    const set = await admin.post(`/customers/${customer.id}/databases/${database.id}/password`, {
      password: 'a perfectly fine passphrase here',
    });
    expect(set.statusCode).toBe(204);
    const [after] = await keel.handle.db.select().from(databases).where(eq(databases.id, database.id));
    expect(after?.passwordHash).not.toBe(before?.passwordHash);
    expect(after?.desiredGeneration).toBe((before?.desiredGeneration ?? 0) + 2);
  });

  it('lets a customer manage its own resources and hides other tenants with 404', async () => {
    const reseller = await makeReseller(keel);
    const mine = await makeCustomerOf(keel, reseller.id);
    const other = await makeCustomerOf(keel, null);
    const customer = await mine.login();
    expect(
      (await customer.post(`/customers/${mine.id}/websites`, { domain: 'own.example.org' })).statusCode,
    ).toBe(201);
    expect((await customer.get(`/customers/${other.id}/websites`)).statusCode).toBe(404);
    expect((await customer.post(`/customers/${other.id}/databases`, { name: 'x1' })).statusCode).toBe(404);
    const resellerClient = await reseller.login();
    expect((await resellerClient.get(`/customers/${mine.id}/websites`)).json().total).toBe(1);
    expect((await resellerClient.get(`/customers/${other.id}/websites`)).statusCode).toBe(404);
  });

  it('rejects unknown fields and wrong types with 400 and changes nothing', async () => {
    const customer = await makeCustomerOf(keel, null);
    expect(
      (await admin.post(`/customers/${customer.id}/websites`, { domain: 'a.example.org', enabled: false }))
        .statusCode,
    ).toBe(400);
    expect((await admin.post(`/customers/${customer.id}/websites`, { domain: 42 })).statusCode).toBe(400);
    expect(
      (await admin.post(`/customers/${customer.id}/databases`, { name: 'ok', user: 'root' })).statusCode,
    ).toBe(400);
    expect((await admin.get(`/customers/${customer.id}/websites?perPage=1000`)).statusCode).toBe(400);
    expect((await admin.get(`/customers/${customer.id}/websites?sort=owner`)).statusCode).toBe(400);
    expect((await admin.get('/customers/not-a-uuid/websites')).statusCode).toBe(404);
    expect(await counts(customer.id)).toEqual({ sites: 0, databases: 0 });
  });
});

describe('a purge with no service configured, as a new install runs', async () => {
  const keel = await testApp();
  const services = await startReconciler(keel, {
    dataDir: await mkdtemp(path.join(tmpdir(), 'keel-unconfigured-')),
  });
  const admin = await keel.admin();

  it('deletes a resource no service ever applied at once, freeing its name', async () => {
    const owner = await makeCustomerOf(keel, null);
    const website = (
      await admin.post(`/customers/${owner.id}/websites`, { domain: 'free.example.org' })
    ).json();
    await services.reconciler.settle();
    expect((await admin.delete(`/customers/${owner.id}/websites/${website.id}`)).statusCode).toBe(204);
    expect(await keel.handle.db.select().from(websites).where(eq(websites.id, website.id))).toEqual([]);
    const other = await makeCustomerOf(keel, null);
    const again = await admin.post(`/customers/${other.id}/websites`, { domain: 'free.example.org' });
    expect(again.statusCode).toBe(201);
  });

  it('purges a customer with a website, a database and a zone no service ever applied', async () => {
    const customer = await makeCustomerOf(keel, null);
    for (const [path, body] of [
      ['websites', { domain: 'gone-soon.example.org' }],
      ['databases', { name: 'shop' }],
      ['dns-zones', { domain: 'gone-soon.example.net' }],
    ] as const) {
      expect((await admin.post(`/customers/${customer.id}/${path}`, body)).statusCode).toBe(201);
    }
    await services.reconciler.settle();
    await purgeThroughApi(keel, services, customer.id);
    for (const table of [websites, databases]) {
      expect(await keel.handle.db.select().from(table).where(eq(table.customerId, customer.id))).toEqual([]);
    }
  });

  it('keeps the purge waiting, visibly, for what a service applied before it was unconfigured', async () => {
    const customer = await makeCustomerOf(keel, null);
    const [site] = await keel.handle.db
      .insert(websites)
      .values({
        customerId: customer.id,
        domain: 'was-served.example.org',
        appliedGeneration: 1,
        appliedState: 'live',
        provisioningState: 'ready',
      })
      .returning();
    await admin.delete(`/customers/${customer.id}`);
    expect((await admin.post(`/customers/${customer.id}/purge`)).statusCode).toBe(202);
    await services.reconciler.settle();
    const purging = (await admin.get(`/customers/${customer.id}`)).json();
    expect(purging.status).toBe('deleted');
    expect(purging.purgeWaitingFor).toEqual([
      {
        kind: 'website',
        id: site?.id,
        name: 'was-served.example.org',
        error: 'websites are not provisioned: KEEL_WEB_PORT is not set',
      },
    ]);
  });
});
