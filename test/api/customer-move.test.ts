import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { backupJobs } from '../../server/src/backups/backups.table.js';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { servers } from '../../server/src/db/schema/servers.js';
import { mover } from '../../server/src/moves/mover.js';
import { customerMoves } from '../../server/src/moves/moves.table.js';
import { hostingKinds } from '../../server/src/resource-kinds.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { insertFinishedBackup } from '../helpers/backups.js';
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
  const local = (await admin.get('/servers'))
    .json()
    .items.find((server: { local: boolean }) => server.local) as { id: string; name: string };
  /** A customer on the local server, whatever placement would pick. */
  const onLocal = (body: Record<string, unknown> = {}) => createCustomer({ serverId: local.id, ...body });
  const moveOf = (customerId: string) =>
    keel.handle.db
      .select()
      .from(customerMoves)
      .where(and(eq(customerMoves.customerId, customerId), eq(customerMoves.state, 'running')))
      .then((rows) => rows[0]);

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
    expect(again.json().type).toMatch(/customer-moving$/);
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

  it('lists the other servers with whether the move would take each, and the move answers the same', async () => {
    const customer = await onLocal();
    const listed = await admin.get(`/customers/${customer.id}/move-targets`);
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json().items as { id: string; eligible: boolean; reason: string | null }[];
    expect(items.map((item) => item.id)).not.toContain(local.id);
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(everything)).toMatchObject({
      name: 'move-everything',
      status: 'online',
      eligible: true,
      reason: null,
    });
    expect(byId.get(webOnly)).toMatchObject({
      eligible: false,
      reason: expect.stringContaining('lacks the roles'),
    });
    expect(byId.get(offline)).toMatchObject({
      status: 'offline',
      eligible: false,
      reason: expect.stringContaining('offline'),
    });
    // One rule: each refused server is refused by the move with the reason shown, and nothing starts.
    for (const item of items.filter((target) => !target.eligible)) {
      const refused = await admin.post(`/customers/${customer.id}/move`, { serverId: item.id });
      expect([409, 422]).toContain(refused.statusCode);
      expect(refused.json().detail).toBe(item.reason);
    }
    expect(await moveOf(customer.id)).toBeUndefined();
    expect((await admin.post(`/customers/${customer.id}/move`, { serverId: everything })).statusCode).toBe(
      202,
    );
    expect((await admin.get('/customers/00000000-0000-4000-8000-000000000000/move-targets')).statusCode).toBe(
      404,
    );
    expect((await resellerClient.get(`/customers/${customer.id}/move-targets`)).statusCode).toBe(403);
  });

  it("judges a package's server group as the move does", async () => {
    const addWest = async (name: string) => {
      const response = await admin.post('/servers', {
        name,
        roles: ['web', 'database', 'mail', 'dns', 'ftp'],
        group: 'move-west',
        capacity: 1,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().server.id as string;
    };
    const home = await addWest('move-west-1');
    await markOnline(home);
    const west = await addWest('move-west-2');
    const bound = await admin.post('/packages', { name: 'Move west', serverGroup: 'move-west' });
    expect(bound.statusCode, bound.body).toBe(201);
    const customer = await createCustomer({ packageId: bound.json().id, serverId: home });
    const before = (await admin.get(`/customers/${customer.id}/move-targets`)).json().items;
    expect(before.find((item: { id: string }) => item.id === west)).toMatchObject({
      status: 'offline',
      eligible: false,
    });
    await markOnline(west);
    const items = (await admin.get(`/customers/${customer.id}/move-targets`)).json().items;
    expect(items.find((item: { id: string }) => item.id === west)).toMatchObject({
      eligible: true,
      reason: null,
    });
    const outside = items.find((item: { id: string }) => item.id === everything);
    expect(outside).toMatchObject({ eligible: false, reason: expect.stringContaining('"move-west"') });
    const refused = await admin.post(`/customers/${customer.id}/move`, { serverId: everything });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toMatch(/server-outside-group$/);
    expect(refused.json().detail).toBe(outside.reason);
  });

  it('while a move runs, refuses every lifecycle action with 409 customer-moving and changes nothing', async () => {
    const customer = await onLocal();
    const backupId = await insertFinishedBackup(keel, customer.id);
    expect((await admin.post(`/customers/${customer.id}/move`, { serverId: everything })).statusCode).toBe(
      202,
    );
    const shown = (await admin.get(`/customers/${customer.id}`)).json();
    const moving = {
      allowed: false,
      reason: 'Customer is being moved to another server; wait until the move is done',
    };
    expect(shown.permissions).toMatchObject({
      suspend: moving,
      reactivate: moving,
      delete: moving,
      restore: moving,
      purge: moving,
      move: moving,
      edit: { allowed: true },
    });
    const events = async () =>
      (await keel.handle.db.select().from(auditEvents).where(eq(auditEvents.customerId, customer.id))).length;
    const eventsBefore = await events();
    const path = `/customers/${customer.id}`;
    const attempts = [
      () => admin.post(`${path}/suspend`, {}),
      () => admin.post(`${path}/reactivate`, {}),
      () => admin.delete(path),
      () => admin.post(`${path}/restore`, {}),
      () => admin.post(`${path}/purge`, {}),
      () => admin.post(`${path}/move`, { serverId: local.id }),
      () => admin.post(`${path}/backups/${backupId}/restore`, {}),
    ];
    for (const attempt of attempts) {
      const response = await attempt();
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().type).toMatch(/customer-moving$/);
    }
    for (const action of ['suspend', 'reactivate', 'delete', 'restore']) {
      const bulk = await admin.post('/customers/bulk', { action, ids: [customer.id] });
      expect(bulk.statusCode, bulk.body).toBe(200);
      expect(bulk.json().results[0]).toMatchObject({
        status: 409,
        problem: { type: expect.stringMatching(/customer-moving$/) },
      });
    }
    const after = (await admin.get(`/customers/${customer.id}`)).json();
    expect(after).toMatchObject({ status: 'active', version: shown.version, move: { state: 'running' } });
    expect(await events()).toBe(eventsBefore);
    const jobs = await keel.handle.db.select().from(backupJobs).where(eq(backupJobs.customerId, customer.id));
    expect(jobs.filter((job) => job.kind === 'restore')).toHaveLength(0);
    // Once the move is over, the same actions work again.
    await keel.handle.db
      .update(customerMoves)
      .set({ state: 'done' })
      .where(eq(customerMoves.customerId, customer.id));
    expect((await admin.get(`/customers/${customer.id}`)).json().permissions.suspend.allowed).toBe(true);
    expect((await admin.post(`/customers/${customer.id}/suspend`, {})).statusCode).toBe(200);
  });

  it('a move racing a delete: exactly one of them happens', async () => {
    const other = await keel.admin();
    for (let round = 0; round < 5; round++) {
      const customer = await onLocal();
      const [move, remove] = await Promise.all([
        admin.post(`/customers/${customer.id}/move`, { serverId: everything }),
        other.delete(`/customers/${customer.id}`),
      ]);
      const won = [move, remove].filter((response) => response.statusCode < 300);
      expect(won, `${move.body} ${remove.body}`).toHaveLength(1);
      const lost = move.statusCode < 300 ? remove : move;
      expect(lost.statusCode).toBe(409);
      expect(lost.json().type).toMatch(move.statusCode < 300 ? /customer-moving$/ : /customer-deleted$/);
    }
  });

  it('audits a move started, failed and done with the same server fields', async () => {
    const driver = mover({
      db: keel.handle.db,
      signals: keel.system.signals,
      panelKey: keel.system.panelKey,
      log: { error: (...args: unknown[]) => console.error(...args) },
      kinds: hostingKinds,
      sole: false,
      intervalMs: 3_600_000,
      now: keel.clock.now,
    });
    const failing = await onLocal();
    const finishing = await onLocal();
    for (const customer of [failing, finishing])
      expect((await admin.post(`/customers/${customer.id}/move`, { serverId: everything })).statusCode).toBe(
        202,
      );
    // The failing move waits for a job that is gone; the finishing one's last job is done.
    await keel.handle.db
      .update(customerMoves)
      .set({ step: 'restoring', jobId: null })
      .where(eq(customerMoves.customerId, failing.id));
    const [vacated] = await keel.handle.db
      .insert(backupJobs)
      .values({ customerId: finishing.id, kind: 'vacate', serverId: local.id, state: 'done' })
      .returning({ id: backupJobs.id });
    await keel.handle.db
      .update(customerMoves)
      .set({ step: 'removing', jobId: vacated?.id })
      .where(eq(customerMoves.customerId, finishing.id));
    await driver.start();
    try {
      await driver.tick();
    } finally {
      await driver.stop();
    }
    expect((await admin.get(`/customers/${failing.id}`)).json().move).toMatchObject({ state: 'failed' });
    expect((await admin.get(`/customers/${finishing.id}`)).json().move).toMatchObject({ state: 'done' });
    const servers = {
      fromServerId: local.id,
      fromServer: local.name,
      toServerId: everything,
      toServer: 'move-everything',
    };
    const of = async (action: string, customerId: string) =>
      (await auditedAs(keel, action)).filter((event) => event.customerId === customerId);
    expect((await of('customer.move_started', failing.id))[0]?.details).toEqual(servers);
    expect((await of('customer.move_failed', failing.id))[0]?.details).toEqual({
      ...servers,
      step: 'restoring',
      error: 'The job the move waited for is gone.',
    });
    expect((await of('customer.moved', finishing.id))[0]?.details).toEqual({
      ...servers,
      leftOnSource: null,
    });
  });
});
