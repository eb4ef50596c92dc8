import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { ApiClient } from '../helpers/client.js';
import {
  auditCount,
  customerRow,
  insertPackage,
  insertReseller,
  makeCustomer,
} from '../helpers/customer-factory.js';

/** POST /customers/bulk: each customer answered as its single call would be. */
describe('bulk actions on customers', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await insertReseller(keel);
  const resellerClient = await reseller.login();

  const customer = (resellerId: string | null = null) => makeCustomer(keel, { resellerId });
  const statusOf = async (id: string) => (await customerRow(keel, id))?.status;

  it('suspends many customers, refusing each one that cannot be, and wakes the reconciler once', async () => {
    const first = await customer();
    const second = await customer();
    const already = await customer();
    expect((await admin.post(`/customers/${already.id}/suspend`, {})).statusCode).toBe(200);
    const unknown = randomUUID();
    const suspendedBefore = await auditCount(keel, 'customer.suspended');
    let wakes = 0;
    const countWake = () => wakes++;
    keel.system.signals.on('resourcesChanged', countWake);

    const response = await admin.post('/customers/bulk', {
      action: 'suspend',
      ids: [second.id, unknown, first.id, already.id],
      reason: ' unpaid invoices ',
    });
    keel.system.signals.off('resourcesChanged', countWake);

    expect(response.statusCode, response.body).toBe(200);
    const { results } = response.json();
    expect(results.map((result: { id: string }) => result.id)).toEqual([
      second.id,
      unknown,
      first.id,
      already.id,
    ]);
    expect(results[0]).toEqual({ id: second.id, status: 200 });
    expect(results[1]).toMatchObject({
      id: unknown,
      status: 404,
      problem: { status: 404, title: 'Not found' },
    });
    expect(results[2]).toEqual({ id: first.id, status: 200 });
    expect(results[3]).toMatchObject({
      status: 409,
      problem: { status: 409, type: expect.stringMatching(/problems\//) },
    });
    expect((await customerRow(keel, first.id))?.suspendReason).toBe('unpaid invoices');
    expect(await statusOf(second.id)).toBe('suspended');
    expect(await auditCount(keel, 'customer.suspended')).toBe(suspendedBefore + 2);
    expect(wakes).toBe(1);
    // The suspended customers' sessions end as with the single call.
    await expect(first.login()).rejects.toThrow(/403/);
  });

  it('answers exactly what the single calls answer, for every action', async () => {
    const one = await customer();
    const two = await customer();
    const pkg = await insertPackage(keel, { name: 'Bulk gold' });
    const run = async (body: Record<string, unknown>) => {
      const response = await admin.post('/customers/bulk', body);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().results.map((result: { status: number }) => result.status);
    };
    expect(await run({ action: 'change-package', ids: [one.id, two.id], packageId: pkg.id })).toEqual([
      200, 200,
    ]);
    expect((await customerRow(keel, one.id))?.packageId).toBe(pkg.id);
    expect(await run({ action: 'suspend', ids: [one.id] })).toEqual([200]);
    expect(await run({ action: 'reactivate', ids: [one.id, two.id] })).toEqual([200, 409]);
    expect(await run({ action: 'delete', ids: [one.id, two.id] })).toEqual([200, 200]);
    expect(await statusOf(two.id)).toBe('deleted');
    expect(await run({ action: 'delete', ids: [one.id] })).toEqual([409]);
    expect(await run({ action: 'restore', ids: [one.id, two.id] })).toEqual([200, 200]);
    expect(await statusOf(one.id)).toBe('active');
    expect(await run({ action: 'change-package', ids: [one.id], packageId: null })).toEqual([200]);
    expect((await customerRow(keel, one.id))?.packageId).toBeNull();
    expect(await run({ action: 'change-package', ids: [one.id], packageId: randomUUID() })).not.toEqual([
      200,
    ]);
  });

  it('starts the purge of each deleted customer at once with 0 days of retention (202)', async () => {
    const target = await customer();
    expect((await admin.put('/settings/platform', { permanentDeleteAfterDays: 0 })).statusCode).toBe(200);
    try {
      const response = await admin.post('/customers/bulk', { action: 'delete', ids: [target.id] });
      expect(response.json().results).toEqual([{ id: target.id, status: 202 }]);
      expect((await customerRow(keel, target.id))?.purgeStartedAt).not.toBeNull();
    } finally {
      await admin.put('/settings/platform', { permanentDeleteAfterDays: 30 });
    }
  });

  it("lets a reseller act on its own customers only: another's are 404 and untouched", async () => {
    const own = await customer(reseller.id);
    const others = await customer();
    const response = await resellerClient.post('/customers/bulk', {
      action: 'suspend',
      ids: [own.id, others.id],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().results).toMatchObject([
      { id: own.id, status: 200 },
      { id: others.id, status: 404 },
    ]);
    expect(await statusOf(others.id)).toBe('active');
    const customerClient = await others.login();
    expect(
      (await customerClient.post('/customers/bulk', { action: 'suspend', ids: [others.id] })).statusCode,
    ).toBe(403);
  });

  it('refuses a malformed request whole (400) and changes nothing', async () => {
    const target = await customer();
    const before = await customerRow(keel, target.id);
    const auditBefore = await auditCount(keel);
    const refusals: [Record<string, unknown>, string][] = [
      [{ action: 'suspend', ids: [] }, 'ids'],
      [{ action: 'suspend', ids: [target.id, target.id] }, 'ids'],
      [{ action: 'suspend', ids: Array.from({ length: 1001 }, () => randomUUID()) }, 'ids'],
      [{ action: 'suspend', ids: ['not-an-id'] }, 'ids.0'],
      [{ action: 'purge', ids: [target.id] }, 'action'],
      [{ action: 'reactivate', ids: [target.id], reason: 'why' }, 'reason'],
      [{ action: 'change-package', ids: [target.id] }, 'packageId'],
      [{ action: 'suspend', ids: [target.id], packageId: null }, 'packageId'],
      [{ action: 'suspend', ids: [target.id], colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of refusals) {
      const response = await admin.post('/customers/bulk', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(
        response.json().errors.map((error: { field: string }) => error.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect(await customerRow(keel, target.id)).toEqual(before);
    expect(await auditCount(keel)).toBe(auditBefore);
  });

  it('needs customers:lifecycle of a token, and customers:write as well to change packages', async () => {
    const target = await customer();
    const tokenWith = async (scopes: string[]) => {
      const response = await admin.post('/auth/tokens', { name: `bulk ${scopes.join(' ')}`, scopes });
      expect(response.statusCode, response.body).toBe(201);
      return ApiClient.withToken(keel.app, response.json().token);
    };
    const lifecycle = await tokenWith(['customers:lifecycle']);
    const suspended = await lifecycle.post('/customers/bulk', { action: 'suspend', ids: [target.id] });
    expect(suspended.json().results).toEqual([{ id: target.id, status: 200 }]);
    const pkg = await insertPackage(keel);
    const packageRefused = await lifecycle.post('/customers/bulk', {
      action: 'change-package',
      ids: [target.id],
      packageId: pkg.id,
    });
    expect(packageRefused.statusCode).toBe(403);
    expect(packageRefused.json().detail).toMatch(/customers:write/);
    expect((await customerRow(keel, target.id))?.packageId).toBeNull();
    const reader = await tokenWith(['customers:read']);
    expect(
      (await reader.post('/customers/bulk', { action: 'reactivate', ids: [target.id] })).statusCode,
    ).toBe(403);
    expect(await statusOf(target.id)).toBe('suspended');
    const both = await tokenWith(['customers:lifecycle', 'customers:write']);
    const changed = await both.post('/customers/bulk', {
      action: 'change-package',
      ids: [target.id],
      packageId: pkg.id,
    });
    expect(changed.json().results).toEqual([{ id: target.id, status: 200 }]);
  });

  it('answers a retried request with the same key from the first answer, changing nothing twice', async () => {
    const target = await customer();
    const body = { action: 'suspend', ids: [target.id] };
    const first = await admin.post('/customers/bulk', body, { 'idempotency-key': 'bulk-retry-1' });
    const retry = await admin.post('/customers/bulk', body, { 'idempotency-key': 'bulk-retry-1' });
    expect(first.json().results).toEqual([{ id: target.id, status: 200 }]);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect((await customerRow(keel, target.id))?.version).toBe(2);
  });
});
