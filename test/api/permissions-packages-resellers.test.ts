import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import type { ApiClient } from '../helpers/client.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeCustomerOf, makeReseller, twoResellers } from '../helpers/reseller-factory.js';

const allowed = { allowed: true, reason: null };
const refused = (reason: string) => ({ allowed: false, reason });

/**
 * The permissions a package or reseller presents are the rules its PATCH and DELETE apply: each
 * refusal shown is the answer the action gets, and each allowance shown is an action that succeeds.
 */
describe('permissions of packages and resellers', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const { resellerA, resellerB } = await twoResellers(keel);
  const clientA = await resellerA.login();

  /** The package's permissions as the client reads it, alone and in its list. */
  async function packagePermissions(client: ApiClient, id: string) {
    const one = (await client.get(`/packages/${id}`)).json().permissions;
    const list = (await client.get('/packages?perPage=100')).json();
    const listed = list.items.find((item: { id: string }) => item.id === id);
    expect(listed.permissions).toEqual(one);
    return one;
  }

  describe('packages', () => {
    it("shows a reseller no Edit or Delete on the admins' package, and the API refuses both (403)", async () => {
      const adminsPackage = await makePackage(keel, { name: 'Admin Plan' });
      expect(await packagePermissions(clientA, adminsPackage.id)).toEqual({
        edit: refused('Package belongs to the administrators'),
        delete: refused('Package belongs to the administrators'),
      });
      const edit = await clientA.patch(`/packages/${adminsPackage.id}`, { name: 'Taken Over' });
      expect(edit.statusCode).toBe(403);
      expect(edit.json().detail).toBe('Package belongs to the administrators');
      expect((await clientA.delete(`/packages/${adminsPackage.id}`)).statusCode).toBe(403);
      expect((await admin.get(`/packages/${adminsPackage.id}`)).json().name).toBe('Admin Plan');
    });

    it("lets admins edit and delete the admins' and a reseller's packages, as shown", async () => {
      for (const owner of [null, resellerB.id]) {
        const made = await makePackage(keel, { resellerId: owner });
        expect(await packagePermissions(admin, made.id)).toEqual({ edit: allowed, delete: allowed });
        expect((await admin.patch(`/packages/${made.id}`, { limits: { sites: 4 } })).statusCode).toBe(200);
        expect((await admin.delete(`/packages/${made.id}`)).statusCode).toBe(204);
      }
    });

    it('lets a reseller edit and delete its own unused package, as shown', async () => {
      const own = await makePackage(keel, { resellerId: resellerA.id });
      expect(await packagePermissions(clientA, own.id)).toEqual({ edit: allowed, delete: allowed });
      expect((await clientA.patch(`/packages/${own.id}`, { name: 'Own Renamed' })).statusCode).toBe(200);
      expect((await clientA.delete(`/packages/${own.id}`)).statusCode).toBe(204);
    });

    it('shows Delete refused while customers use the package, for every role, and the API answers 409', async () => {
      const used = await makePackage(keel, { resellerId: resellerA.id });
      await makeCustomerOf(keel, resellerA.id, { packageId: used.id });
      await makeCustomerOf(keel, resellerA.id, { packageId: used.id, status: 'deleted' });
      for (const client of [admin, clientA]) {
        const permissions = await packagePermissions(client, used.id);
        expect(permissions).toEqual({ edit: allowed, delete: refused('Package is used by 2 customers') });
        const response = await client.delete(`/packages/${used.id}`);
        expect(response.statusCode).toBe(409);
        expect(response.json()).toMatchObject({
          type: '/api/problems/package-in-use',
          detail: 'Package is used by 2 customers',
        });
      }
    });

    it('presents the permissions with a created and an edited package too', async () => {
      const created = await clientA.post('/packages', { name: 'Fresh Plan' });
      expect(created.json().permissions).toEqual({ edit: allowed, delete: allowed });
      const edited = await clientA.patch(`/packages/${created.json().id}`, { name: 'Fresher Plan' });
      expect(edited.json().permissions).toEqual({ edit: allowed, delete: allowed });
    });
  });

  describe('resellers', () => {
    async function resellerPermissions(id: string) {
      const one = (await admin.get(`/resellers/${id}`)).json().permissions;
      const list = (await admin.get('/resellers?perPage=100')).json();
      const listed = list.items.find((item: { id: string }) => item.id === id);
      expect(listed.permissions).toEqual(one);
      return one;
    }

    it('shows Delete refused while the reseller has customers, and the API answers 409', async () => {
      const busy = await makeReseller(keel);
      await makeCustomerOf(keel, busy.id);
      await makeCustomerOf(keel, busy.id, { status: 'suspended' });
      await makeCustomerOf(keel, busy.id, { status: 'deleted' });
      expect(await resellerPermissions(busy.id)).toEqual({
        edit: allowed,
        delete: refused('Reseller still has 3 customers'),
      });
      const response = await admin.delete(`/resellers/${busy.id}`);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        type: '/api/problems/reseller-has-customers',
        detail: 'Reseller still has 3 customers',
      });
      expect((await admin.patch(`/resellers/${busy.id}`, { company: 'Still Busy' })).statusCode).toBe(200);
    });

    it('shows Delete allowed for a reseller without customers, and the delete succeeds', async () => {
      const idle = await makeReseller(keel);
      expect(await resellerPermissions(idle.id)).toEqual({ edit: allowed, delete: allowed });
      expect((await admin.delete(`/resellers/${idle.id}`)).statusCode).toBe(204);
    });

    it('counts one customer in the singular', async () => {
      const single = await makeReseller(keel);
      await makeCustomerOf(keel, single.id);
      expect((await resellerPermissions(single.id)).delete).toEqual(refused('Reseller still has 1 customer'));
    });
  });
});
