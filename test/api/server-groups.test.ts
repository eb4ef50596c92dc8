import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { packages } from '../../server/src/db/schema/packages.js';
import { servers } from '../../server/src/db/schema/servers.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { makeReseller } from '../helpers/reseller-factory.js';

describe('server groups: placement by a package bound to a group', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await makeReseller(keel);
  const resellerClient = await reseller.login();
  let made = 0;
  const email = () => `grouped-${++made}-${Date.now().toString(36)}@example.test`;

  /** What an agent's heartbeat does: the server counts as online from now on. */
  const markOnline = (id: string) =>
    keel.handle.db.update(servers).set({ lastSeenAt: keel.clock.now() }).where(eq(servers.id, id));
  const addServer = async (body: Record<string, unknown>, online = true) => {
    const response = await admin.post('/servers', body);
    expect(response.statusCode, response.body).toBe(201);
    const { server } = response.json() as { server: { id: string; name: string; group: string | null } };
    if (online) await markOnline(server.id);
    return server;
  };
  const addPackage = async (body: Record<string, unknown>) => {
    const response = await admin.post('/packages', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; serverGroup: string | null };
  };
  const createCustomer = (client: typeof admin, body: Record<string, unknown>) =>
    client.post('/customers', { firstName: 'Grouped', lastName: 'Customer', email: email(), ...body });
  // Needs websites only: the servers below have no other role.
  const webOnly = { databases: 0, mailboxes: 0, dnsZones: 0, ftpAccounts: 0 };

  it('adds, regroups and ungroups a server, audited; a malformed group is 400', async () => {
    const server = await addServer({ name: 'grouped-1', roles: ['web'], group: 'eu-west' });
    expect(server.group).toBe('eu-west');
    expect((await auditedAs(keel, 'server.created')).at(-1)?.details).toMatchObject({ group: 'eu-west' });
    const listed = (await admin.get('/servers')).json().items as { id: string; group: string | null }[];
    expect(listed.find((row) => row.id === server.id)?.group).toBe('eu-west');

    const regrouped = await admin.patch(`/servers/${server.id}`, { group: 'premium' });
    expect(regrouped.statusCode).toBe(200);
    expect(regrouped.json().group).toBe('premium');
    expect((await auditedAs(keel, 'server.updated')).at(-1)?.details).toMatchObject({
      before: { group: 'eu-west' },
      after: { group: 'premium' },
    });
    const ungrouped = await admin.patch(`/servers/${server.id}`, { group: null });
    expect(ungrouped.json().group).toBeNull();
    // Leaving the group out changes nothing.
    expect((await admin.patch(`/servers/${server.id}`, { capacity: 9 })).json().group).toBeNull();

    for (const group of ['EU', 'eu west', '-eu', 'eu-', '', 'x'.repeat(51)]) {
      const refused = await admin.post('/servers', { name: `bad-${made++}`, roles: ['web'], group });
      expect(refused.statusCode, group).toBe(400);
      expect((await admin.patch(`/servers/${server.id}`, { group })).statusCode, group).toBe(400);
    }
  });

  it("binds a package to a group (admins only), shown and audited; a reseller's attempt is 403", async () => {
    const bound = await addPackage({ name: 'Bound', serverGroup: 'eu-west' });
    expect(bound.serverGroup).toBe('eu-west');
    expect((await auditedAs(keel, 'package.created')).at(-1)?.details).toMatchObject({
      serverGroup: 'eu-west',
    });
    expect((await admin.get(`/packages/${bound.id}`)).json().serverGroup).toBe('eu-west');
    const rebound = await admin.patch(`/packages/${bound.id}`, { serverGroup: 'premium' });
    expect(rebound.json().serverGroup).toBe('premium');
    expect((await auditedAs(keel, 'package.updated')).at(-1)?.details).toMatchObject({
      changes: { serverGroup: { from: 'eu-west', to: 'premium' } },
    });
    expect(
      (await admin.post('/packages', { name: 'Bad group', serverGroup: 'Not A Group' })).statusCode,
    ).toBe(400);

    const byReseller = await resellerClient.post('/packages', { name: 'Mine', serverGroup: 'eu-west' });
    expect(byReseller.statusCode).toBe(403);
    const own = await resellerClient.post('/packages', { name: 'Mine' });
    expect(own.statusCode).toBe(201);
    expect(own.json().serverGroup).toBeNull();
    const rebinding = await resellerClient.patch(`/packages/${own.json().id}`, { serverGroup: null });
    expect(rebinding.statusCode).toBe(403);
    expect((await auditedAs(keel, 'auth.authorization_denied')).at(-1)?.details).toMatchObject({
      reason: 'Only admins bind a package to a server group.',
    });
    // An admin may bind a reseller's package: servers are the admins' to hand out.
    const boundForReseller = await admin.patch(`/packages/${own.json().id}`, { serverGroup: 'eu-west' });
    expect(boundForReseller.json().serverGroup).toBe('eu-west');
    const [row] = await keel.handle.db.select().from(packages).where(eq(packages.id, own.json().id));
    expect(row?.serverGroup).toBe('eu-west');
  });

  it('places the customers of a bound package on the online server of its group with the most room', async () => {
    const roomy = await addServer({ name: 'nordic-roomy', roles: ['web'], capacity: 1000, group: 'nordic' });
    await addServer({ name: 'nordic-small', roles: ['web'], capacity: 10, group: 'nordic' });
    await addServer({ name: 'nordic-offline', roles: ['web'], capacity: 100_000, group: 'nordic' }, false);
    const outside = await addServer({ name: 'outside-huge', roles: ['web'], capacity: 100_000 });
    const nordic = await addPackage({ name: 'Nordic sites', limits: webOnly, serverGroup: 'nordic' });

    const placed = await createCustomer(admin, { packageId: nordic.id });
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json().customer.server).toEqual({ id: roomy.id, name: 'nordic-roomy' });
    expect((await auditedAs(keel, 'customer.created')).at(-1)?.details).toMatchObject({ serverId: roomy.id });
    // A reseller assigning the admins' bound package gets the same placement.
    const byReseller = await createCustomer(resellerClient, { packageId: nordic.id });
    expect(byReseller.json().customer.server.id).toBe(roomy.id);
    // A package bound to no group still goes where the most room is, the group's servers included.
    const unbound = await addPackage({ name: 'Anywhere sites', limits: webOnly });
    expect((await createCustomer(admin, { packageId: unbound.id })).json().customer.server.id).toBe(
      outside.id,
    );
  });

  it("answers 409 naming the group when none of its servers can take the customer, and 422 for an admin's server outside it", async () => {
    await addServer({ name: 'asia-db', roles: ['database'], group: 'asia' });
    await addServer({ name: 'asia-down', roles: ['web'], group: 'asia' }, false);
    const outside = await addServer({ name: 'not-asia', roles: ['web'] });
    const asia = await addPackage({ name: 'Asia sites', limits: webOnly, serverGroup: 'asia' });

    const refused = await createCustomer(admin, { packageId: asia.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('/api/problems/no-server-available');
    expect(refused.json().detail).toContain('server group "asia"');
    const nobody = await addPackage({ name: 'Nowhere', limits: webOnly, serverGroup: 'no-such-group' });
    expect((await createCustomer(admin, { packageId: nobody.id })).statusCode).toBe(409);

    const elsewhere = await createCustomer(admin, { packageId: asia.id, serverId: outside.id });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().errors).toEqual([
      { field: 'serverId', message: 'is not in the server group "asia"' },
    ]);
    // The admin may choose a server of the group, even one placement would not take (offline).
    const down = (await admin.get('/servers'))
      .json()
      .items.find((s: { name: string }) => s.name === 'asia-down');
    const chosen = await createCustomer(admin, { packageId: asia.id, serverId: down.id });
    expect(chosen.statusCode).toBe(201);
    expect(chosen.json().customer.server.id).toBe(down.id);

    await markOnline(down.id);
    expect((await createCustomer(admin, { packageId: asia.id })).json().customer.server.id).toBe(down.id);
  });
});
