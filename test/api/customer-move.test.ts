import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { servers } from '../../server/src/db/schema/servers.js';
import { customerMoves } from '../../server/src/moves/moves.table.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeReseller } from '../helpers/reseller-factory.js';

/** POST /customers/{id}/move: who may, what it refuses, and what it records (the move itself runs in services tests). */
describe('moving a customer to another server', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await makeReseller(keel);
  const resellerClient = await reseller.login();
  let made = 0;
  const email = () => `moved-${++made}-${Date.now().toString(36)}@example.test`;
  const markOnline = (id: string) =>
    keel.handle.db.update(servers).set({ lastSeenAt: keel.clock.now() }).where(eq(servers.id, id));
  const addServer = async (name: string, roles: string[]) => {
    const response = await admin.post('/servers', { name, roles });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().server.id as string;
  };
  const createCustomer = async (body: Record<string, unknown> = {}) => {
    const response = await admin.post('/customers', {
      firstName: 'Moved',
      lastName: 'Customer',
      email: email(),
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().customer as { id: string; server: { id: string; name: string } };
  };
  const everything = await addServer('move-everything', ['web', 'database', 'mail', 'dns', 'ftp']);
  const webOnly = await addServer('move-web-only', ['web']);
  const offline = await addServer('move-offline', ['web', 'database', 'mail', 'dns', 'ftp']);
  await markOnline(everything);
  await markOnline(webOnly);

  it('answers 202 with the customer, its status unchanged and its move running; audited', async () => {
    const customer = await createCustomer();
    const moved = await admin.post(`/customers/${customer.id}/move`, { serverId: everything });
    expect(moved.statusCode, moved.body).toBe(202);
    expect(moved.json()).toMatchObject({
      id: customer.id,
      status: 'active',
      server: customer.server,
      move: {
        state: 'running',
        step: 'backing-up',
        fromServer: customer.server,
        toServer: { id: everything, name: 'move-everything' },
        error: null,
        finishedAt: null,
      },
    });
    expect((await admin.get(`/customers/${customer.id}`)).json().move.state).toBe('running');
    const event = (await auditedAs(keel, 'customer.move_started')).at(-1);
    expect(event).toMatchObject({ customerId: customer.id, details: { toServerId: everything } });
    // A second move while the first runs: 409.
    const again = await admin.post(`/customers/${customer.id}/move`, { serverId: webOnly });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toMatch(/move-running$/);
  });

  it('refuses its own server and what is not a server (422), an offline one (409)', async () => {
    const customer = await createCustomer();
    const same = await admin.post(`/customers/${customer.id}/move`, { serverId: customer.server.id });
    expect(same.statusCode).toBe(422);
    expect(same.json().type).toMatch(/same-server$/);
    const unknown = await admin.post(`/customers/${customer.id}/move`, {
      serverId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(422);
    const down = await admin.post(`/customers/${customer.id}/move`, { serverId: offline });
    expect(down.statusCode).toBe(409);
    expect(down.json().type).toMatch(/server-offline$/);
    expect((await admin.post(`/customers/${customer.id}/move`, { serverId: 'nope' })).statusCode).toBe(400);
    expect((await admin.post(`/customers/${customer.id}/move`, {})).statusCode).toBe(400);
    const rows = await keel.handle.db
      .select()
      .from(customerMoves)
      .where(eq(customerMoves.customerId, customer.id));
    expect(rows).toHaveLength(0);
  });

  it('refuses a server lacking a role the customer needs (422), and allows it when its package needs none', async () => {
    const customer = await createCustomer();
    const lacking = await admin.post(`/customers/${customer.id}/move`, { serverId: webOnly });
    expect(lacking.statusCode).toBe(422);
    expect(lacking.json().type).toMatch(/server-lacks-roles$/);
    expect(lacking.json().detail).toContain('database');
    const sitesOnly = await makePackage(keel, {
      name: 'Move sites only',
      limits: { databases: 0, mailboxes: 0, dnsZones: 0, ftpAccounts: 0 },
    });
    const local = (await admin.get('/servers'))
      .json()
      .items.find((server: { local: boolean }) => server.local);
    const small = await createCustomer({ packageId: sitesOnly.id, serverId: local.id });
    const allowed = await admin.post(`/customers/${small.id}/move`, { serverId: webOnly });
    expect(allowed.statusCode, allowed.body).toBe(202);
  });

  it('refuses a deleted customer (409)', async () => {
    const customer = await createCustomer();
    expect((await admin.delete(`/customers/${customer.id}`)).statusCode).toBe(200);
    const moved = await admin.post(`/customers/${customer.id}/move`, { serverId: everything });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().type).toMatch(/customer-deleted$/);
  });

  it('is for admins only: a reseller gets 403 even for its own customer', async () => {
    const own = await resellerClient.post('/customers', {
      firstName: 'Own',
      lastName: 'Customer',
      email: email(),
    });
    expect(own.statusCode).toBe(201);
    const moved = await resellerClient.post(`/customers/${own.json().customer.id}/move`, {
      serverId: everything,
    });
    expect(moved.statusCode).toBe(403);
  });
});
