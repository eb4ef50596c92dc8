import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { purgeCustomer } from '../../server/src/customers/purge-customer.js';
import { purgeDueCustomers } from '../../server/src/customers/purge-due-customers.js';
import { websites } from '../../server/src/websites/websites.table.js';
import { testApp } from '../helpers/app.js';
import { ApiClient } from '../helpers/client.js';
import {
  auditCount,
  customerRow,
  insertReseller,
  makeCustomer,
  purgeServices,
  startPurgeWorker,
  userRow,
} from '../helpers/customer-factory.js';

const dayMs = 86_400_000;

describe('soft delete and restore', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await insertReseller(keel);
  const resellerClient = await reseller.login();

  it('soft-deletes: login refused, sessions, tokens and impersonations end, data and email kept', async () => {
    const customer = await makeCustomer(keel, { resellerId: reseller.id });
    const session = await customer.login();
    const token = (await session.post('/auth/tokens', { name: 'script' })).json().token;
    const impersonator = await reseller.login();
    expect((await impersonator.post(`/customers/${customer.id}/impersonate`, {})).statusCode).toBe(200);

    const response = await resellerClient.delete(`/customers/${customer.id}`);
    expect(response.statusCode).toBe(200);
    const deleted = response.json();
    expect(deleted).toMatchObject({ status: 'deleted', purgeStartedAt: null, version: 2 });
    expect(Date.parse(deleted.purgeAfter) - Date.parse(deleted.deletedAt)).toBe(30 * dayMs);

    expect((await session.get('/auth/session')).statusCode).toBe(401);
    expect((await ApiClient.withToken(keel.app, token).get(`/customers/${customer.id}`)).statusCode).toBe(
      401,
    );
    const back = (await impersonator.get('/auth/session')).json();
    expect(back).toMatchObject({ user: { role: 'reseller' }, impersonator: null });
    const login = await keel
      .anonymous()
      .post('/auth/login', { email: customer.email, password: customer.password });
    expect(login.statusCode).toBe(403);
    expect(login.json().type).toMatch(/account-deleted$/);

    const again = await admin.post('/customers', { firstName: 'Re', lastName: 'Use', email: customer.email });
    expect(again.statusCode).toBe(409);
    expect((await admin.get(`/customers/${customer.id}`)).json().status).toBe('deleted');
    expect((await admin.get('/customers')).json().items.map((c: { id: string }) => c.id)).not.toContain(
      customer.id,
    );
    expect(
      (await admin.get('/customers?status=deleted')).json().items.map((c: { id: string }) => c.id),
    ).toContain(customer.id);
  });

  it('refuses to delete or edit a deleted customer (409)', async () => {
    const customer = await makeCustomer(keel);
    await admin.delete(`/customers/${customer.id}`);
    const before = await customerRow(keel, customer.id);
    const auditBefore = await auditCount(keel);
    expect((await admin.delete(`/customers/${customer.id}`)).statusCode).toBe(409);
    expect((await admin.patch(`/customers/${customer.id}`, { firstName: 'Zombie' })).statusCode).toBe(409);
    expect((await admin.post(`/customers/${customer.id}/password`, {})).statusCode).toBe(409);
    expect(await customerRow(keel, customer.id)).toEqual(before);
    expect(await auditCount(keel)).toBe(auditBefore);
  });

  it('refuses fields on delete, restore and purge (400) and changes nothing', async () => {
    const customer = await makeCustomer(keel);
    const auditBefore = await auditCount(keel);
    expect((await admin.request('DELETE', `/customers/${customer.id}`, { force: true })).statusCode).toBe(
      400,
    );
    expect((await customerRow(keel, customer.id))?.status).toBe('active');
    await admin.delete(`/customers/${customer.id}`);
    const deleted = await customerRow(keel, customer.id);
    expect((await admin.post(`/customers/${customer.id}/restore`, { status: 'active' })).statusCode).toBe(
      400,
    );
    expect((await admin.post(`/customers/${customer.id}/purge`, { now: true })).statusCode).toBe(400);
    expect(await customerRow(keel, customer.id)).toEqual(deleted);
    expect(await auditCount(keel)).toBe(auditBefore + 1);
  });

  it('restores to the status held before the delete', async () => {
    const active = await makeCustomer(keel);
    await admin.delete(`/customers/${active.id}`);
    const restored = await admin.post(`/customers/${active.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ status: 'active', deletedAt: null, purgeAfter: null });
    await active.login();

    const suspended = await makeCustomer(keel);
    await admin.post(`/customers/${suspended.id}/suspend`, { reason: 'abuse report' });
    const suspendedAt = (await customerRow(keel, suspended.id))?.suspendedAt;
    await admin.delete(`/customers/${suspended.id}`);
    const back = await admin.post(`/customers/${suspended.id}/restore`);
    expect(back.json()).toMatchObject({ status: 'suspended', suspendReason: 'abuse report' });
    expect((await customerRow(keel, suspended.id))?.suspendedAt).toEqual(suspendedAt);
    expect(
      (
        await keel.anonymous().post('/auth/login', { email: suspended.email, password: suspended.password })
      ).json().type,
    ).toMatch(/account-suspended$/);
  });

  it('refuses to restore or purge what is not deleted (409), and strangers (404)', async () => {
    const customer = await makeCustomer(keel, { resellerId: reseller.id });
    const before = await customerRow(keel, customer.id);
    expect((await admin.post(`/customers/${customer.id}/restore`)).statusCode).toBe(409);
    expect((await admin.post(`/customers/${customer.id}/purge`)).statusCode).toBe(409);
    const stranger = await (await insertReseller(keel)).login();
    expect((await stranger.delete(`/customers/${customer.id}`)).statusCode).toBe(404);
    expect((await (await customer.login()).delete(`/customers/${customer.id}`)).statusCode).toBe(403);
    expect(await customerRow(keel, customer.id)).toEqual(before);
  });
});

describe('purging without a running scheduler', async () => {
  const keel = await testApp();
  const admin = await keel.admin();

  it('marks the purge first: 202, no restore after, asking again changes nothing', async () => {
    const customer = await makeCustomer(keel);
    await admin.delete(`/customers/${customer.id}`);
    const response = await admin.post(`/customers/${customer.id}/purge`);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ status: 'deleted', purgeStartedAt: expect.any(String) });
    expect((await admin.post(`/customers/${customer.id}/restore`)).json().type).toMatch(/purging$/);
    expect((await admin.post(`/customers/${customer.id}/purge`)).statusCode).toBe(202);
    expect(await auditCount(keel, 'customer.purge_started')).toBe(1);

    // The server stopped before the purge ran: the next sweep finishes it.
    const sweep = await purgeDueCustomers(keel.system, purgeServices(keel));
    expect(sweep.purged).toEqual([
      { id: customer.id, email: customer.email, name: expect.stringMatching(/^Test /) },
    ]);
    expect(await customerRow(keel, customer.id)).toBeNull();
    expect(await purgeCustomer(keel.system, customer.id, purgeServices(keel))).toEqual({ outcome: 'gone' });
    expect((await purgeDueCustomers(keel.system, purgeServices(keel))).purged).toEqual([]);
  });

  it('does not purge a deleted customer whose purge was not started or is not due', async () => {
    const customer = await makeCustomer(keel);
    await admin.delete(`/customers/${customer.id}`);
    expect(await purgeCustomer(keel.system, customer.id, purgeServices(keel))).toEqual({
      outcome: 'not-started',
    });
    expect((await purgeDueCustomers(keel.system, purgeServices(keel))).purged).toEqual([]);
    expect(await customerRow(keel, customer.id)).not.toBeNull();
  });
});

describe('purging with the scheduler', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await insertReseller(keel);
  const resellerClient = await reseller.login();
  const worker = await startPurgeWorker(keel);

  it('purges on request: the customer, its login and sessions go, its email is free, the log remains', async () => {
    const customer = await makeCustomer(keel, { resellerId: reseller.id, company: 'Gone GmbH' });
    const user = await userRow(keel, customer.email);
    await resellerClient.delete(`/customers/${customer.id}`);
    expect((await resellerClient.post(`/customers/${customer.id}/purge`)).statusCode).toBe(202);
    await worker.sweepNow();
    expect(await customerRow(keel, customer.id)).toBeNull();
    expect(await userRow(keel, customer.email)).toBeNull();
    expect((await admin.get(`/customers/${customer.id}`)).statusCode).toBe(404);
    expect((await admin.post(`/customers/${customer.id}/purge`)).statusCode).toBe(404);

    const log = (await admin.get(`/audit?customerId=${customer.id}`)).json();
    const actions = log.items.map((event: { action: string }) => event.action);
    expect(actions.slice(0, 3)).toEqual(['customer.purged', 'customer.purge_started', 'customer.deleted']);
    expect(actions).toContain('customer.created');
    const purged = log.items[0];
    expect(purged.details).toMatchObject({
      email: customer.email,
      name: expect.stringMatching(/^Test Customer/),
      company: 'Gone GmbH',
      resellerId: reseller.id,
      requestedBy: { id: expect.any(String), email: reseller.email, role: 'reseller' },
    });
    expect(log.items[1].actor).toMatchObject({ email: reseller.email, role: 'reseller' });
    expect(purged.target).toEqual({ type: 'customer', id: customer.id });
    expect(user).not.toBeNull();

    const reused = await admin.post('/customers', {
      firstName: 'New',
      lastName: 'Owner',
      email: customer.email,
    });
    expect(reused.statusCode).toBe(201);
  });

  it('with 0 days of retention, delete starts the purge at once (202)', async () => {
    const customer = await makeCustomer(keel);
    expect((await admin.put('/settings/platform', { permanentDeleteAfterDays: 0 })).statusCode).toBe(200);
    const response = await admin.delete(`/customers/${customer.id}`);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ status: 'deleted', purgeStartedAt: expect.any(String) });
    await worker.sweepNow();
    expect(await customerRow(keel, customer.id)).toBeNull();
    await admin.put('/settings/platform', { permanentDeleteAfterDays: 30 });
  });

  it("waits for the customer's applied resources to be gone before removing it, and says which", async () => {
    const customer = await makeCustomer(keel);
    // A site nginx once served: it must come off the service before its customer goes.
    const [site] = await keel.handle.db
      .insert(websites)
      .values({
        customerId: customer.id,
        domain: `purge-${customer.id.slice(0, 8)}.example`,
        appliedGeneration: 1,
        appliedState: 'live',
        provisioningState: 'ready',
      })
      .returning({ id: websites.id, domain: websites.domain });
    await admin.delete(`/customers/${customer.id}`);
    await admin.post(`/customers/${customer.id}/purge`);
    await worker.sweepNow();
    expect(await purgeCustomer(keel.system, customer.id, purgeServices(keel))).toEqual({
      outcome: 'waiting',
      step: 'resources',
    });
    const purging = (await admin.get(`/customers/${customer.id}`)).json();
    expect(purging.purgeStartedAt).not.toBeNull();
    expect(purging.purgeWaitingFor).toEqual([
      { kind: 'website', id: site?.id, name: site?.domain, error: null },
    ]);
    const listed = (await admin.get('/customers?status=deleted')).json().items;
    expect(listed.find((c: { id: string }) => c.id === customer.id).purgeWaitingFor).toHaveLength(1);
    // What the reconciler does once the site is off its service: drop the row, wake the purge.
    await keel.handle.db.delete(websites).where(eq(websites.id, site?.id as string));
    keel.system.signals.emit('purgeRequested', customer.id);
    await worker.sweepNow();
    expect(await customerRow(keel, customer.id)).toBeNull();
  });

  it('removes at once what no service ever applied, so the purge never waits for it', async () => {
    const customer = await makeCustomer(keel);
    await keel.handle.db
      .insert(websites)
      .values({ customerId: customer.id, domain: `never-${customer.id.slice(0, 8)}.example` });
    await admin.delete(`/customers/${customer.id}`);
    await admin.post(`/customers/${customer.id}/purge`);
    await worker.sweepNow();
    expect(await customerRow(keel, customer.id)).toBeNull();
    expect(await keel.handle.db.select().from(websites).where(eq(websites.customerId, customer.id))).toEqual(
      [],
    );
  });

  it('purges on schedule once purgeAfter has passed, and only then', async () => {
    const due = await makeCustomer(keel);
    const later = await makeCustomer(keel);
    await admin.delete(`/customers/${due.id}`);
    keel.clock.advance(10 * dayMs);
    await admin.delete(`/customers/${later.id}`);
    keel.clock.advance(19 * dayMs);
    await worker.sweepNow();
    expect(await customerRow(keel, due.id)).not.toBeNull();
    keel.clock.advance(2 * dayMs);
    await worker.sweepNow();
    expect(await customerRow(keel, due.id)).toBeNull();
    expect(await customerRow(keel, later.id)).not.toBeNull();
    // Sessions do not outlive the month that passed: sign in afresh.
    const fresh = await keel.admin();
    const log = (await fresh.get(`/audit?customerId=${due.id}&action=customer.purged`)).json();
    expect(log.items[0]).toMatchObject({ actor: null, actorRole: 'system' });
    expect(log.items[0].details.requestedBy).toMatchObject({ role: 'system' });
    // A customer restored after being read as due is left alone.
    await fresh.post(`/customers/${later.id}/restore`);
    keel.clock.advance(30 * dayMs);
    await worker.sweepNow();
    expect((await customerRow(keel, later.id))?.status).toBe('active');
  });
});
