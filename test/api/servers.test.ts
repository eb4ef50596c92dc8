import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { digestSecret } from '../../server/src/auth/secrets.js';
import { servers } from '../../server/src/db/schema/servers.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeReseller } from '../helpers/reseller-factory.js';

describe('servers and placement', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await makeReseller(keel);
  const resellerClient = await reseller.login();
  let made = 0;
  const email = () => `placed-${++made}-${Date.now().toString(36)}@example.test`;

  const localServer = async () => {
    const list = (await admin.get('/servers')).json().items as { id: string; local: boolean }[];
    const local = list.find((server) => server.local);
    if (!local) throw new Error('no local server');
    return local;
  };
  /** What an agent's heartbeat does: the server counts as online from now on. */
  const markOnline = (id: string) =>
    keel.handle.db.update(servers).set({ lastSeenAt: keel.clock.now() }).where(eq(servers.id, id));
  const addServer = async (body: Record<string, unknown>) => {
    const response = await admin.post('/servers', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { server: { id: string; name: string }; enrollmentToken: string };
  };
  const createCustomer = (client: typeof admin, body: Record<string, unknown> = {}) =>
    client.post('/customers', { firstName: 'Placed', lastName: 'Customer', email: email(), ...body });

  it('lists the local server, online with every role, holding the customers that exist', async () => {
    const created = await createCustomer(admin);
    expect(created.statusCode).toBe(201);
    const local = await localServer();
    expect(local).toMatchObject({
      name: 'local',
      roles: ['web', 'database', 'mail', 'dns', 'ftp'],
      status: 'online',
      enrolled: true,
    });
    expect(created.json().customer.server).toEqual({ id: local.id, name: 'local' });
    expect((await admin.get(`/servers/${local.id}`)).json().customerCount).toBeGreaterThanOrEqual(1);
  });

  it('adds a server with a one-time enrollment token kept only as its digest, audited without it', async () => {
    const { server, enrollmentToken } = await addServer({ name: 'web-2', roles: ['web'], capacity: 50 });
    expect(server).toMatchObject({ name: 'web-2', roles: ['web'], capacity: 50, status: 'offline' });
    expect(server).toMatchObject({ enrolled: false, customerCount: 0, lastSeenAt: null });
    const [row] = await keel.handle.db.select().from(servers).where(eq(servers.id, server.id));
    expect(row?.enrollmentTokenHash).toBe(digestSecret(enrollmentToken));
    // Never starting with "-", which `keel agent --token <token>` would take for an option.
    expect(enrollmentToken).toMatch(/^keel-enroll-[\w-]{43}$/);
    const event = (await auditedAs(keel, 'server.created')).at(-1);
    expect(event).toMatchObject({ targetId: server.id, details: { name: 'web-2', roles: ['web'] } });
    expect(JSON.stringify(event)).not.toContain(enrollmentToken);
  });

  it('refuses a name in use whatever its case (409), and roles outside the five (400)', async () => {
    await addServer({ name: 'Taken', roles: ['mail'] });
    expect((await admin.post('/servers', { name: 'TAKEN', roles: ['mail'] })).statusCode).toBe(409);
    expect((await admin.post('/servers', { name: 'x', roles: ['cache'] })).statusCode).toBe(400);
    expect((await admin.post('/servers', { name: 'y', roles: [] })).statusCode).toBe(400);
  });

  it('is for admins only', async () => {
    expect((await resellerClient.get('/servers')).statusCode).toBe(403);
    expect((await resellerClient.post('/servers', { name: 'mine', roles: ['web'] })).statusCode).toBe(403);
  });

  it('places a customer on the online server with the roles it needs and the most room', async () => {
    const local = await localServer();
    const roomy = await addServer({ name: 'roomy-web', roles: ['web'], capacity: 100_000 });
    const webOnly = await makePackage(keel, {
      name: 'Sites only',
      limits: { databases: 0, mailboxes: 0, dnsZones: 0, ftpAccounts: 0 },
    });
    // Offline, the roomy server takes nobody.
    const whileOffline = await createCustomer(admin, { packageId: webOnly.id });
    expect(whileOffline.json().customer.server.id).toBe(local.id);

    await markOnline(roomy.server.id);
    const webCustomer = await createCustomer(admin, { packageId: webOnly.id });
    expect(webCustomer.json().customer.server).toEqual({ id: roomy.server.id, name: 'roomy-web' });
    // Without a package a customer needs every role: only the local server has them all.
    expect((await createCustomer(admin)).json().customer.server.id).toBe(local.id);
    const byReseller = await createCustomer(resellerClient, { packageId: webOnly.id });
    expect(byReseller.json().customer.server.id).toBe(roomy.server.id);

    const shown = await admin.get(`/customers/${webCustomer.json().customer.id}`);
    expect(shown.json().server).toEqual({ id: roomy.server.id, name: 'roomy-web' });
    const listed = await admin.get(`/customers?q=${encodeURIComponent(webCustomer.json().customer.email)}`);
    expect(listed.json().items[0].server.name).toBe('roomy-web');
    const event = (await auditedAs(keel, 'customer.created')).at(-1);
    expect(event?.details).toMatchObject({ serverId: roomy.server.id });
  });

  it('places where an admin says; an unknown server is 422, and a reseller may not choose (403)', async () => {
    const chosen = await addServer({ name: 'chosen', roles: ['database'] });
    const placed = await createCustomer(admin, { serverId: chosen.server.id });
    expect(placed.statusCode).toBe(201);
    expect(placed.json().customer.server.id).toBe(chosen.server.id);
    const unknown = await createCustomer(admin, { serverId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    const byReseller = await createCustomer(resellerClient, { serverId: chosen.server.id });
    expect(byReseller.statusCode).toBe(403);

    // The list narrows to one server's customers; a malformed id is a 400.
    const onChosen = await admin.get(`/customers?serverId=${chosen.server.id}`);
    expect(onChosen.statusCode).toBe(200);
    expect(onChosen.json().items.map((customer: { id: string }) => customer.id)).toEqual([
      placed.json().customer.id,
    ]);
    expect((await admin.get('/customers?serverId=not-a-server')).statusCode).toBe(400);
  });

  it('refuses placement when no online server has the roles (409)', async () => {
    const local = await localServer();
    await admin.patch(`/servers/${local.id}`, { roles: ['web'] });
    try {
      const refused = await createCustomer(admin);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toContain('database');
    } finally {
      await admin.patch(`/servers/${local.id}`, { roles: ['web', 'database', 'mail', 'dns', 'ftp'] });
    }
  });

  it('renames and changes roles, audited with before and after', async () => {
    const { server } = await addServer({ name: 'old-name', roles: ['web'] });
    const response = await admin.patch(`/servers/${server.id}`, { name: 'new-name', roles: ['web', 'ftp'] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'new-name', roles: ['web', 'ftp'] });
    const event = (await auditedAs(keel, 'server.updated')).at(-1);
    expect(event?.details).toMatchObject({
      before: { name: 'old-name', roles: ['web'] },
      after: { name: 'new-name', roles: ['web', 'ftp'] },
    });
  });

  it('deletes only a server no customer lives on, never the local one', async () => {
    const busy = await addServer({ name: 'busy', roles: ['web'] });
    await createCustomer(admin, { serverId: busy.server.id });
    const refused = await admin.delete(`/servers/${busy.server.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('1 customer lives');
    expect((await admin.delete(`/servers/${(await localServer()).id}`)).statusCode).toBe(409);
    const idle = await addServer({ name: 'idle', roles: ['web'] });
    // What each server offers is what the delete then does.
    const listed = (await admin.get('/servers')).json().items as {
      id: string;
      permissions: Record<string, { allowed: boolean; reason: string | null }>;
    }[];
    const offered = (id: string) => listed.find((server) => server.id === id)?.permissions;
    expect(offered(busy.server.id)?.delete).toEqual({
      allowed: false,
      reason: '1 customer lives on this server; move or purge them first.',
    });
    expect(offered((await localServer()).id)).toMatchObject({
      delete: { allowed: false },
      reissueEnrollment: { allowed: false },
    });
    expect(offered(idle.server.id)).toEqual({
      delete: { allowed: true, reason: null },
      reissueEnrollment: { allowed: true, reason: null },
    });
    expect((await admin.delete(`/servers/${idle.server.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/servers/${idle.server.id}`)).statusCode).toBe(404);
    expect((await auditedAs(keel, 'server.deleted')).at(-1)?.targetId).toBe(idle.server.id);
  });

  it('reissues enrollment: a new token, the old one and the agent credential revoked', async () => {
    const { server, enrollmentToken } = await addServer({ name: 'reissued', roles: ['web'] });
    await keel.handle.db
      .update(servers)
      .set({ agentCredentialHash: digestSecret('an agent credential') })
      .where(eq(servers.id, server.id));
    const response = await admin.post(`/servers/${server.id}/enrollment`);
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const renewed = response.json().enrollmentToken as string;
    expect(renewed).not.toBe(enrollmentToken);
    const [row] = await keel.handle.db.select().from(servers).where(eq(servers.id, server.id));
    expect(row).toMatchObject({ agentCredentialHash: null, enrollmentTokenHash: digestSecret(renewed) });
    expect((await auditedAs(keel, 'server.credential_reissued')).at(-1)?.details).toMatchObject({
      credentialRevoked: true,
    });
  });
});
