import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { makePackage, unlimited } from '../helpers/package-factory.js';
import { makeCustomerOf, twoResellers } from '../helpers/reseller-factory.js';

describe('packages: edit and delete', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const { resellerA, resellerB } = await twoResellers(keel);
  const clientA = await resellerA.login();

  const lastEvent = async (action: string) => (await auditedAs(keel, action)).at(-1);

  describe('edit', () => {
    it('renames and changes only the limits sent, audited with what changed', async () => {
      const created = await makePackage(keel, {
        name: 'Editable',
        resellerId: resellerA.id,
        limits: { sites: 3 },
      });
      const response = await clientA.patch(`/packages/${created.id}`, {
        name: 'Edited',
        limits: { databases: 5, sites: null },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        name: 'Edited',
        owner: { id: resellerA.id },
        limits: { ...unlimited, databases: 5 },
      });
      expect((await clientA.get(`/packages/${created.id}`)).json()).toEqual(response.json());
      const event = await lastEvent('package.updated');
      expect(event).toMatchObject({ targetId: created.id, resellerId: resellerA.id, actorRole: 'reseller' });
      expect(event?.details).toEqual({
        name: 'Editable',
        changes: {
          name: { from: 'Editable', to: 'Edited' },
          databases: { from: null, to: 5 },
          sites: { from: 3, to: null },
        },
      });
    });

    it("lets admins change a reseller's package", async () => {
      const created = await makePackage(keel, { name: 'Admin Edits', resellerId: resellerB.id });
      const response = await admin.patch(`/packages/${created.id}`, { limits: { ftpAccounts: 2 } });
      expect(response.statusCode).toBe(200);
      expect(response.json().limits.ftpAccounts).toBe(2);
    });

    it('refuses a name the owner already uses (409) and changes nothing', async () => {
      await makePackage(keel, { name: 'Occupied', resellerId: resellerA.id });
      const other = await makePackage(keel, { name: 'Free', resellerId: resellerA.id, limits: { sites: 1 } });
      const response = await clientA.patch(`/packages/${other.id}`, {
        name: 'OCCUPIED',
        limits: { sites: 9 },
      });
      expect(response.statusCode).toBe(409);
      expect((await clientA.get(`/packages/${other.id}`)).json()).toMatchObject({
        name: 'Free',
        limits: { sites: 1 },
      });
    });

    it.each([
      ['a negative limit', { limits: { dnsZones: -5 } }],
      ['a fractional limit', { limits: { diskMb: 0.5 } }],
      ['a limit as text', { limits: { sites: 'many' } }],
      ['an unknown limit', { limits: { bandwidth: 1 } }],
      ['an owner change', { resellerId: null }],
      ['an empty name', { name: '' }],
      ['a null name', { name: null }],
      ['an id', { id: '00000000-0000-4000-8000-000000000000' }],
    ])('answers 400 to %s and changes nothing', async (_label, body) => {
      const created = await makePackage(keel, {
        resellerId: resellerA.id,
        limits: { dnsZones: 1, diskMb: 10 },
      });
      const response = await clientA.patch(`/packages/${created.id}`, body);
      expect(response.statusCode).toBe(400);
      expect((await clientA.get(`/packages/${created.id}`)).json()).toEqual(created);
    });

    it("re-sorts the package's customers by its new name, which their views show", async () => {
      const first = await makePackage(keel, { name: 'Aardvark Plan', resellerId: resellerA.id });
      const second = await makePackage(keel, { name: 'Beaver Plan', resellerId: resellerA.id });
      const onFirst = await makeCustomerOf(keel, resellerA.id, { packageId: first.id });
      const onSecond = await makeCustomerOf(keel, resellerA.id, { packageId: second.id });
      const order = async () =>
        (await clientA.get('/customers?sort=package&perPage=100'))
          .json()
          .items.map((item: { id: string }) => item.id)
          .filter((id: string) => id === onFirst.id || id === onSecond.id);
      expect(await order()).toEqual([onFirst.id, onSecond.id]);
      await clientA.patch(`/packages/${first.id}`, { name: 'Zebra Plan' });
      expect(await order()).toEqual([onSecond.id, onFirst.id]);
      expect((await clientA.get(`/customers/${onFirst.id}`)).json().package).toEqual({
        id: first.id,
        name: 'Zebra Plan',
      });
    });

    it('answers 400 to malformed JSON and changes nothing', async () => {
      const created = await makePackage(keel, { resellerId: resellerA.id, limits: { sites: 2 } });
      const response = await clientA.patch(`/packages/${created.id}`, '{"limits": {"sites": 3', {
        'content-type': 'application/json',
      });
      expect(response.statusCode).toBe(400);
      expect((await clientA.get(`/packages/${created.id}`)).json()).toEqual(created);
    });
  });

  describe('delete', () => {
    it('refuses while customers use the package, saying how many (409), soft-deleted ones included', async () => {
      const used = await makePackage(keel, { resellerId: resellerA.id });
      await makeCustomerOf(keel, resellerA.id, { packageId: used.id });
      await makeCustomerOf(keel, resellerA.id, { packageId: used.id, status: 'deleted' });
      const response = await clientA.delete(`/packages/${used.id}`);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ type: '/api/problems/package-in-use' });
      expect(response.json().detail).toContain('2 customers');
      expect((await clientA.get(`/packages/${used.id}`)).statusCode).toBe(200);
    });

    it('deletes an unused package and audits it', async () => {
      const unused = await makePackage(keel, { name: 'Unused', resellerId: resellerA.id });
      const response = await clientA.delete(`/packages/${unused.id}`);
      expect(response.statusCode).toBe(204);
      expect((await clientA.get(`/packages/${unused.id}`)).statusCode).toBe(404);
      expect(await lastEvent('package.deleted')).toMatchObject({
        targetId: unused.id,
        resellerId: resellerA.id,
        details: { name: 'Unused' },
      });
      expect((await clientA.delete(`/packages/${unused.id}`)).statusCode).toBe(404);
    });

    it("lets admins delete any unused package, a reseller's included", async () => {
      const ofB = await makePackage(keel, { resellerId: resellerB.id });
      expect((await admin.delete(`/packages/${ofB.id}`)).statusCode).toBe(204);
      const admins = await makePackage(keel);
      expect((await admin.delete(`/packages/${admins.id}`)).statusCode).toBe(204);
    });

    it('never deletes a package while a customer is being given it', async () => {
      for (let round = 0; round < 3; round++) {
        const plan = await makePackage(keel, { resellerId: resellerA.id });
        const [created, deleted] = await Promise.all([
          clientA.post('/customers', {
            firstName: 'Racing',
            lastName: 'Customer',
            email: `plan-race-${round}-${Date.now()}@example.test`,
            packageId: plan.id,
          }),
          clientA.delete(`/packages/${plan.id}`),
        ]);
        const outcome = [created.statusCode, deleted.statusCode];
        expect([
          [201, 409],
          [422, 204],
        ]).toContainEqual(outcome);
        if (outcome[0] === 201)
          expect(created.json().customer.package).toEqual({ id: plan.id, name: plan.name });
      }
    });
  });
});
