import { describe, expect, it } from 'vitest';
import { resourceKinds } from '../../server/src/resource-kinds.js';
import { testApp } from '../helpers/app.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { expectResourceChangesRefused, sampleResources } from '../helpers/sample-resources.js';

/**
 * A soft-deleted customer is read-only until restored: none of its resources can be added,
 * switched, changed or deleted, by anyone, and the customer's `changeResources` permission says so.
 */
describe("a soft-deleted customer's resources", async () => {
  const keel = await testApp();
  const admin = await keel.admin();

  async function deletedCustomerWith(noun: keyof typeof sampleResources) {
    const customer = await makeCustomerOf(keel, null);
    const resourceId = await sampleResources[noun].make(keel, customer.id);
    expect((await admin.delete(`/customers/${customer.id}`)).statusCode).toBe(200);
    return { customer, resourceId };
  }

  const refusedAsDeleted = (response: { statusCode: number; json(): { type: string } }) => {
    expect(response.statusCode).toBe(409);
    expect(response.json().type).toBe('/api/problems/customer-deleted');
  };

  it('shows the refusal as the customer permission the panel reads', async () => {
    const { customer } = await deletedCustomerWith('website');
    expect((await admin.get(`/customers/${customer.id}`)).json().permissions.changeResources).toEqual({
      allowed: false,
      reason: 'Customer is deleted; restore it first',
    });
    const active = await makeCustomerOf(keel, null);
    expect((await admin.get(`/customers/${active.id}`)).json().permissions.changeResources).toEqual({
      allowed: true,
      reason: null,
    });
  });

  describe.each(resourceKinds.map(({ kind }) => [kind.plural, kind] as const))('%s', (_plural, kind) => {
    it('refuses to add, switch or delete one (409), changes nothing, and allows it again after a restore', async () => {
      const { customer, resourceId } = await deletedCustomerWith(kind.noun);
      await expectResourceChangesRefused(
        admin,
        customer.id,
        kind,
        resourceId,
        '/api/problems/customer-deleted',
      );

      expect((await admin.post(`/customers/${customer.id}/restore`, {})).statusCode).toBe(200);
      const switched = await admin.patch(`/customers/${customer.id}/${kind.path}/${resourceId}`, {
        enabled: false,
      });
      expect(switched.statusCode).toBe(200);
      expect(switched.json().enabled).toBe(false);
    });
  });

  it("refuses a database's new password and a zone's new records (409)", async () => {
    const withDatabase = await deletedCustomerWith('database');
    const database = `/customers/${withDatabase.customer.id}/databases/${withDatabase.resourceId}`;
    refusedAsDeleted(await admin.post(`${database}/password`, {}));

    const withZone = await deletedCustomerWith('dns_zone');
    const zone = `/customers/${withZone.customer.id}/dns-zones/${withZone.resourceId}`;
    const before = (await admin.get(zone)).json();
    refusedAsDeleted(
      await admin.patch(zone, { records: [{ name: 'www', type: 'A', ttl: 3600, value: '192.0.2.10' }] }),
    );
    expect((await admin.get(zone)).json()).toEqual(before);
  });
});
