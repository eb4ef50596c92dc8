import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { websites } from '../../server/src/websites/websites.table.js';
import { testApp } from '../helpers/app.js';
import { ApiClient } from '../helpers/client.js';
import { auditCount, customerRow, insertReseller, makeCustomer } from '../helpers/customer-factory.js';

describe('suspending and reactivating customers', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await insertReseller(keel);
  const resellerClient = await reseller.login();
  const otherClient = await (await insertReseller(keel)).login();

  it('suspends at once: sessions and API tokens stop, login says account-suspended', async () => {
    const customer = await makeCustomer(keel, { resellerId: reseller.id });
    const session = await customer.login();
    const created = await session.post('/auth/tokens', { name: 'billing' });
    expect(created.statusCode).toBe(201);
    const tokenClient = ApiClient.withToken(keel.app, created.json().token);
    expect((await tokenClient.get(`/customers/${customer.id}`)).statusCode).toBe(200);
    let woken = 0;
    keel.system.signals.on('resourcesChanged', () => woken++);

    const response = await resellerClient.post(`/customers/${customer.id}/suspend`, {
      reason: '  unpaid invoice 42 ',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'suspended',
      suspendReason: 'unpaid invoice 42',
      suspendedAt: expect.any(String),
      version: 2,
    });
    expect(Math.abs(Date.parse(response.json().suspendedAt) - keel.clock.now().getTime())).toBeLessThan(
      60_000,
    );
    expect(woken).toBeGreaterThan(0);
    expect((await session.get('/auth/session')).statusCode).toBe(401);
    expect((await tokenClient.get(`/customers/${customer.id}`)).statusCode).toBe(401);

    const right = await keel
      .anonymous()
      .post('/auth/login', { email: customer.email, password: customer.password });
    expect(right.statusCode).toBe(403);
    expect(right.json().type).toMatch(/account-suspended$/);
    const wrong = await keel
      .anonymous()
      .post('/auth/login', { email: customer.email, password: 'wrong password!!' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().type).not.toMatch(/suspended/);

    const audit = (await admin.get(`/customers/${customer.id}/audit?action=customer.suspended`)).json();
    expect(audit.items[0]).toMatchObject({
      details: { reason: 'unpaid invoice 42' },
      actor: { email: reseller.email, role: 'reseller' },
    });
  });

  it('reactivates: status active, suspension cleared, login works again', async () => {
    const customer = await makeCustomer(keel);
    // No body at all is the same as {}: the reason is optional.
    expect((await admin.request('POST', `/customers/${customer.id}/suspend`)).statusCode).toBe(200);
    const response = await admin.request('POST', `/customers/${customer.id}/reactivate`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'active',
      suspendedAt: null,
      suspendReason: null,
      version: 3,
    });
    await customer.login();
  });

  it("never touches the resources' own enabled switch", async () => {
    const customer = await makeCustomer(keel);
    await keel.handle.db.insert(websites).values([
      { customerId: customer.id, domain: `on-${customer.id.slice(0, 8)}.example`, enabled: true },
      { customerId: customer.id, domain: `off-${customer.id.slice(0, 8)}.example`, enabled: false },
    ]);
    const switches = async () =>
      (
        await keel.handle.db
          .select({ domain: websites.domain, enabled: websites.enabled })
          .from(websites)
          .where(eq(websites.customerId, customer.id))
      ).sort((a, b) => a.domain.localeCompare(b.domain));
    const before = await switches();
    await admin.post(`/customers/${customer.id}/suspend`);
    expect(await switches()).toEqual(before);
    await admin.post(`/customers/${customer.id}/reactivate`);
    expect(await switches()).toEqual(before);
  });

  it('answers the wrong state with 409 and changes nothing', async () => {
    const customer = await makeCustomer(keel);
    const active = await customerRow(keel, customer.id);
    const auditBefore = await auditCount(keel);
    const reactivate = await admin.post(`/customers/${customer.id}/reactivate`);
    expect(reactivate.statusCode).toBe(409);
    expect(reactivate.json().type).toMatch(/wrong-status$/);
    expect(await customerRow(keel, customer.id)).toEqual(active);
    expect(await auditCount(keel)).toBe(auditBefore);
    await admin.post(`/customers/${customer.id}/suspend`, { reason: 'first' });
    const suspended = await customerRow(keel, customer.id);
    expect((await admin.post(`/customers/${customer.id}/suspend`, { reason: 'again' })).statusCode).toBe(409);
    expect(await customerRow(keel, customer.id)).toEqual(suspended);
    await admin.delete(`/customers/${customer.id}`);
    expect((await admin.post(`/customers/${customer.id}/reactivate`)).statusCode).toBe(409);
    expect((await admin.post(`/customers/${customer.id}/suspend`)).statusCode).toBe(409);
  });

  it('keeps suspension to admins and the owning reseller', async () => {
    const customer = await makeCustomer(keel, { resellerId: reseller.id });
    const customerClient = await customer.login();
    expect((await otherClient.post(`/customers/${customer.id}/suspend`)).statusCode).toBe(404);
    expect((await customerClient.post(`/customers/${customer.id}/suspend`)).statusCode).toBe(403);
    expect((await keel.anonymous().post(`/customers/${customer.id}/suspend`)).statusCode).toBe(401);
    const noCsrf = await resellerClient.post(`/customers/${customer.id}/suspend`, {}, { 'x-csrf-token': '' });
    expect(noCsrf.statusCode).toBe(403);
    expect((await customerRow(keel, customer.id))?.status).toBe('active');
  });

  it('answers malformed bodies with 400 and changes nothing', async () => {
    const customer = await makeCustomer(keel);
    const before = await customerRow(keel, customer.id);
    for (const body of [
      { reason: 'r'.repeat(501) },
      { reason: 5 },
      { reason: 'x', until: 'tomorrow' },
      ['x'],
    ]) {
      const response = await admin.post(`/customers/${customer.id}/suspend`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    const malformed = await admin.post(`/customers/${customer.id}/suspend`, '{"reason"', {
      'content-type': 'application/json',
    });
    expect(malformed.statusCode).toBe(400);
    expect(await customerRow(keel, customer.id)).toEqual(before);
    await admin.post(`/customers/${customer.id}/suspend`, { reason: 'x' });
    const suspended = await customerRow(keel, customer.id);
    expect((await admin.post(`/customers/${customer.id}/reactivate`, { now: true })).statusCode).toBe(400);
    expect(await customerRow(keel, customer.id)).toEqual(suspended);
    await admin.post(`/customers/${customer.id}/reactivate`);
    const unicode = await admin.post(`/customers/${customer.id}/suspend`, {
      reason: 'Zahlung überfällig — 請求書 🧾',
    });
    expect(unicode.json().suspendReason).toBe('Zahlung überfällig — 請求書 🧾');
  });
});
