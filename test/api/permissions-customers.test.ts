import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type CustomerAction, customerActions } from '../../server/src/customers/customer-policy.js';
import { startCustomerPurge } from '../../server/src/customers/start-customer-purge.js';
import { servers } from '../../server/src/db/schema/servers.js';
import { moveCustomer } from '../../server/src/moves/move-customer.js';
import { createServer } from '../../server/src/servers/create-server.js';
import { testApp } from '../helpers/app.js';
import { ApiClient } from '../helpers/client.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeCustomerOf, type TestCustomer, twoResellers } from '../helpers/reseller-factory.js';

type State = 'active' | 'suspended' | 'deleted' | 'purging' | 'moving';

/**
 * Every customer action, as each kind of caller, on a customer in each state it can reach: the
 * permission the customer presents to that caller is exactly what the action then does — allowed
 * means it succeeds, refused means 403 or 409 with nothing done.
 */
describe('permissions of customers', async () => {
  const keel = await testApp();
  const { resellerA } = await twoResellers(keel);
  // Reads the customer's version around a refused action, to show it changed nothing.
  const observer = await keel.admin();
  const versionOf = async (customer: TestCustomer) =>
    (await observer.get(`/customers/${customer.id}`)).json().version;
  // An online server with every role: where a move may go. Room for one customer, so placement
  // keeps the customers below on the local server.
  const { server: target } = await createServer(keel.system, {
    name: 'permissions-target',
    roles: ['web', 'database', 'mail', 'dns', 'ftp'],
    capacity: 1,
  });
  // An admins' package every customer here may be given.
  const spare = await makePackage(keel, { name: 'permissions-spare' });
  // Its heartbeat, before each move: the whole matrix takes longer than a server stays online.
  const heartbeat = () =>
    keel.handle.db.update(servers).set({ lastSeenAt: keel.clock.now() }).where(eq(servers.id, target.id));

  const signedInAdmin = () => keel.admin();
  const callers: Record<
    string,
    { states: State[]; connect: (customer: TestCustomer) => Promise<ApiClient> }
  > = {
    admin: { states: ['active', 'suspended', 'deleted', 'purging', 'moving'], connect: signedInAdmin },
    'owning reseller': {
      states: ['active', 'suspended', 'deleted', 'purging', 'moving'],
      connect: () => resellerA.login(),
    },
    "admin's API token": {
      states: ['active', 'suspended', 'deleted'],
      connect: async () => {
        const created = await (await signedInAdmin()).post('/auth/tokens', { name: 'billing' });
        return ApiClient.withToken(keel.app, created.json().token);
      },
    },
    // Suspended and deleted customers cannot sign in.
    'the customer itself': { states: ['active'], connect: (customer) => customer.login() },
    'admin logged in as the customer': {
      states: ['active', 'suspended'],
      connect: async (customer) => {
        const admin = await signedInAdmin();
        const started = await admin.post(`/customers/${customer.id}/impersonate`, {});
        if (started.statusCode !== 200) throw new Error(`impersonation failed: ${started.body}`);
        return admin;
      },
    },
  };

  async function customerIn(state: State): Promise<TestCustomer> {
    const customer = await makeCustomerOf(keel, resellerA.id, {
      status: state === 'purging' ? 'deleted' : state === 'moving' ? 'active' : state,
    });
    if (state === 'purging') await startCustomerPurge(keel.system, customer.id);
    if (state === 'moving') {
      await heartbeat();
      await moveCustomer(keel.system, customer.id, { serverId: target.id });
    }
    return customer;
  }

  const attempt = (client: ApiClient, customer: TestCustomer, action: CustomerAction, caller: string) => {
    const path = `/customers/${customer.id}`;
    switch (action) {
      case 'edit':
        return client.patch(path, { company: 'Policy Check Ltd' });
      case 'changePassword':
        // A customer proves its current password; an operator generates a new one.
        return client.post(
          `${path}/password`,
          caller === 'the customer itself' ? { currentPassword: customer.password } : {},
        );
      case 'delete':
        return client.delete(path);
      case 'impersonate':
        return client.post(`${path}/impersonate`, {});
      case 'move':
        return client.post(`${path}/move`, { serverId: target.id });
      case 'changeResources':
        return client.post(`${path}/websites`, { domain: `policy-${randomUUID()}.example.test` });
      case 'changePackage':
        return client.patch(path, { packageId: spare.id });
      default:
        return client.post(`${path}/${action}`, {});
    }
  };

  const cases = Object.entries(callers).flatMap(([caller, { states }]) =>
    states.flatMap((state) => customerActions.map((action) => [caller, state, action] as const)),
  );

  it.each(cases)(
    '%s, %s customer, %s: the permission shown is what the action does',
    async (caller, state, action) => {
      const customer = await customerIn(state);
      const client = await callers[caller]?.connect(customer);
      if (!client) throw new Error(`no caller ${caller}`);
      const shown = await client.get(`/customers/${customer.id}`);
      expect(shown.statusCode).toBe(200);
      const permission = shown.json().permissions[action];
      const before = await versionOf(customer);
      if (action === 'move') await heartbeat();
      const response = await attempt(client, customer, action, caller);
      if (permission.allowed) {
        expect(permission.reason).toBeNull();
        expect(response.statusCode, response.body).toBeLessThan(300);
      } else {
        expect(permission.reason).toEqual(expect.any(String));
        expect([403, 409], response.body).toContain(response.statusCode);
        expect(await versionOf(customer)).toBe(before);
      }
    },
  );

  it('presents the same permissions in the list as on the customer', async () => {
    const admin = await signedInAdmin();
    const reseller = await resellerA.login();
    for (const state of ['active', 'suspended', 'deleted'] as const) {
      const customer = await customerIn(state);
      for (const client of [admin, reseller]) {
        const one = (await client.get(`/customers/${customer.id}`)).json();
        const list = (await client.get(`/customers?status=${state}&perPage=100`)).json();
        const listed = list.items.find((item: { id: string }) => item.id === customer.id);
        expect(listed.permissions).toEqual(one.permissions);
      }
    }
  });

  it('presents each customer on a page mixing states its own permissions', async () => {
    // Customers alike in status, purge and move share one judgement (customerPermissionsOf): a
    // page mixing them must still show each its own.
    const admin = await signedInAdmin();
    const pages = [
      { status: 'active', states: ['active', 'suspended', 'moving'] },
      { status: 'deleted', states: ['deleted', 'purging'] },
    ] as const;
    for (const page of pages) {
      const customers: TestCustomer[] = [];
      for (const state of page.states) customers.push(await customerIn(state));
      const filter = page.status === 'deleted' ? '&status=deleted' : '';
      const list = (await admin.get(`/customers?sort=-createdAt&perPage=100${filter}`)).json();
      for (const customer of customers) {
        const one = (await admin.get(`/customers/${customer.id}`)).json();
        const listed = list.items.find((item: { id: string }) => item.id === customer.id);
        expect(listed.permissions).toEqual(one.permissions);
      }
    }
  });

  it("states each refusal's reason", async () => {
    const admin = await signedInAdmin();
    const permissionsOf = async (client: ApiClient, customer: TestCustomer) =>
      (await client.get(`/customers/${customer.id}`)).json().permissions;

    const active = await customerIn('active');
    expect(await permissionsOf(admin, active)).toMatchObject({
      suspend: { allowed: true, reason: null },
      reactivate: { allowed: false, reason: 'Customer is already active' },
      restore: { allowed: false, reason: 'Only a deleted customer can be restored; this one is active' },
    });
    const own = await active.login();
    expect(await permissionsOf(own, active)).toMatchObject({
      changePassword: { allowed: true, reason: null },
      suspend: { allowed: false, reason: 'Only administrators and resellers manage customers' },
      impersonate: { allowed: false, reason: 'Only administrators and resellers log in as customers' },
    });

    const purging = await customerIn('purging');
    expect(await permissionsOf(admin, purging)).toMatchObject({
      edit: { allowed: false, reason: 'Customer is deleted; restore it first' },
      restore: { allowed: false, reason: 'Permanent deletion has already started' },
      purge: { allowed: true, reason: null },
    });

    const suspended = await customerIn('suspended');
    const support = await callers['admin logged in as the customer']?.connect(suspended);
    expect(await permissionsOf(support as ApiClient, suspended)).toMatchObject({
      changePassword: {
        allowed: false,
        reason: 'The password cannot be changed while logged in as the customer',
      },
    });
  });
});
