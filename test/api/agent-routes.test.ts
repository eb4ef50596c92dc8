import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { agentProtocolHeader, agentProtocolVersion } from '../../server/src/agent/agent-protocol.js';
import { servers } from '../../server/src/db/schema/servers.js';
import { websites } from '../../server/src/websites/websites.table.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { sampleResources } from '../helpers/sample-resources.js';

describe('agent routes: an agent reaches its own server and nothing else', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const version = { [agentProtocolHeader]: String(agentProtocolVersion) };

  const agentCall = (
    credential: string | null,
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
  ) =>
    keel.app.inject({
      method,
      url: `/api/agent/v1${url}`,
      headers: { ...version, ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    });
  const enrolled = async (name: string) => {
    const created = (await admin.post('/servers', { name, roles: ['web'] })).json();
    const answer = await agentCall(null, 'POST', '/enroll', { token: created.enrollmentToken });
    expect(answer.statusCode, answer.body).toBe(201);
    return { ...created, credential: answer.json().credential as string };
  };
  const customerOn = async (serverId: string) => {
    const answer = await admin.post('/customers', {
      firstName: 'Agent',
      lastName: 'Tenant',
      email: `agent-${serverId.slice(0, 8)}-${Date.now()}@example.test`,
      serverId,
    });
    const id = answer.json().customer.id as string;
    return { id, websiteId: await sampleResources.website.make(keel, id) };
  };

  const b = await enrolled('server-b');
  const c = await enrolled('server-c');
  const onB = await customerOn(b.server.id);
  const onC = await customerOn(c.server.id);
  const localServerId = (await admin.get('/servers'))
    .json()
    .items.find((s: { local: boolean }) => s.local).id;
  const onLocal = await customerOn(localServerId);

  it('exchanges an enrollment token once, audited, and the server goes online with its heartbeat', async () => {
    const created = (await admin.post('/servers', { name: 'once', roles: ['web'] })).json();
    expect((await agentCall(null, 'POST', '/enroll', { token: created.enrollmentToken })).statusCode).toBe(
      201,
    );
    expect((await agentCall(null, 'POST', '/enroll', { token: created.enrollmentToken })).statusCode).toBe(
      401,
    );
    expect((await auditedAs(keel, 'server.enrolled')).at(-1)?.targetId).toBe(created.server.id);
    expect((await agentCall(b.credential, 'POST', '/heartbeat', { agentVersion: '0.1.0' })).statusCode).toBe(
      200,
    );
    expect((await admin.get(`/servers/${b.server.id}`)).json()).toMatchObject({
      status: 'online',
      enrolled: true,
    });
    keel.clock.advance(31_000);
    expect((await admin.get(`/servers/${b.server.id}`)).json().status).toBe('offline');
  });

  it('refuses an expired enrollment token', async () => {
    const created = (await admin.post('/servers', { name: 'late', roles: ['web'] })).json();
    await keel.handle.db
      .update(servers)
      .set({ enrollmentExpiresAt: new Date(keel.clock.now().getTime() - 1000) })
      .where(eq(servers.id, created.server.id));
    expect((await agentCall(null, 'POST', '/enroll', { token: created.enrollmentToken })).statusCode).toBe(
      401,
    );
  });

  it('refuses a request without the protocol version it speaks', async () => {
    const answer = await keel.app.inject({
      method: 'POST',
      url: '/api/agent/v1/heartbeat',
      headers: { authorization: `Bearer ${b.credential}` },
      payload: { agentVersion: '0.1.0' },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().detail).toContain(agentProtocolHeader);
  });

  it('gets 401 on user routes with its credential, and a user gets 401 on agent routes', async () => {
    for (const path of ['/customers', `/customers/${onB.id}`, '/servers', '/auth/session', '/audit']) {
      const answer = await keel.app.inject({
        method: 'GET',
        url: `/api/v1${path}`,
        headers: { authorization: `Bearer ${b.credential}` },
      });
      expect(answer.statusCode, path).toBe(401);
    }
    const token = (await admin.post('/auth/tokens', { name: 'not an agent' })).json().token as string;
    expect((await agentCall(token, 'GET', '/kinds/website/applied')).statusCode).toBe(401);
    expect((await agentCall(null, 'GET', '/kinds/website/applied')).statusCode).toBe(401);
    // An admin's signed-in session is no agent either.
    expect((await admin.get('/api/agent/v1/kinds/website/applied')).statusCode).toBe(401);
  });

  it("claims only its own server's resources, with what the driver needs", async () => {
    const claimed = await agentCall(b.credential, 'POST', '/kinds/website/claims', {
      owner: 'b1',
      limit: 100,
    });
    expect(claimed.statusCode).toBe(200);
    const { claims, desired } = claimed.json();
    expect(claims.map((claim: { id: string }) => claim.id)).toEqual([onB.websiteId]);
    expect(desired[0]).toMatchObject({ id: onB.websiteId, state: 'live', domain: expect.any(String) });

    // Another server's agent cannot record the outcome of B's claim, even naming B's owner.
    const outcome = { claim: claims[0], ok: true, error: null, unconfigured: false };
    await agentCall(c.credential, 'POST', '/kinds/website/outcomes', { owner: 'b1', outcomes: [outcome] });
    const [stillPending] = await keel.handle.db.select().from(websites).where(eq(websites.id, onB.websiteId));
    expect(stillPending?.provisioningState).toBe('pending');

    const recorded = await agentCall(b.credential, 'POST', '/kinds/website/outcomes', {
      owner: 'b1',
      outcomes: [outcome],
    });
    expect(recorded.json()).toEqual({ retryAt: null });
    const shown = await admin.get(`/customers/${onB.id}/websites/${onB.websiteId}`);
    expect(shown.json().provisioning.state).toBe('ready');
  });

  it('reads applied resources and repairs drift of its own server only', async () => {
    const applied = (await agentCall(b.credential, 'GET', '/kinds/website/applied')).json();
    expect(applied.known).toEqual([onB.websiteId]);
    expect(applied.known).not.toContain(onC.websiteId);
    expect(applied.known).not.toContain(onLocal.websiteId);

    // C's agent reports B's site and the local one as drifted: neither is touched.
    const report = {
      drifted: [onB.websiteId, onLocal.websiteId].map((id) => ({ id, differences: ['vhost edited'] })),
      foreign: [],
    };
    expect((await agentCall(c.credential, 'POST', '/kinds/website/drift', report)).statusCode).toBe(204);
    const rows = await keel.handle.db.select().from(websites).where(eq(websites.id, onB.websiteId));
    expect(rows[0]?.provisioningState).toBe('ready');
    expect((await agentCall(b.credential, 'POST', '/kinds/website/drift', report)).statusCode).toBe(204);
    const repaired = await keel.handle.db.select().from(websites).where(eq(websites.id, onB.websiteId));
    expect(repaired[0]?.provisioningState).toBe('pending');
    expect((await auditedAs(keel, 'website.repaired')).map((event) => event.targetId)).toEqual([
      onB.websiteId,
    ]);
  });

  it("hands an agent its own server's backup jobs only, each with its repository's password", async () => {
    for (const customer of [onB, onC, onLocal]) {
      expect((await admin.post(`/customers/${customer.id}/backups`, {})).statusCode).toBe(202);
    }
    const claimedByC = await agentCall(c.credential, 'POST', '/backup-jobs/claims', { runner: 'c1' });
    expect(claimedByC.statusCode).toBe(200);
    expect(claimedByC.headers['cache-control']).toBe('no-store');
    const cJob = claimedByC.json().claimed;
    expect(cJob.job).toMatchObject({ customerId: onC.id, kind: 'backup' });
    expect(cJob.password).toEqual(expect.any(String));
    expect(JSON.parse(cJob.source.document).resources.website[0].id).toBe(onC.websiteId);
    // Nothing else is C's: B's and the local customer's jobs wait for their own servers.
    expect((await agentCall(c.credential, 'POST', '/backup-jobs/claims', { runner: 'c1' })).json()).toEqual({
      claimed: null,
    });

    const bJob = (await agentCall(b.credential, 'POST', '/backup-jobs/claims', { runner: 'b1' })).json()
      .claimed;
    expect(bJob.job.customerId).toBe(onB.id);
    expect(bJob.password).not.toBe(cJob.password);
    // C cannot report on, or read through, B's job.
    const jobCall = (credential: string, path: string, body: unknown) =>
      agentCall(credential, 'POST', `/backup-jobs/${bJob.job.id}/${path}`, body);
    expect((await jobCall(c.credential, 'progress', { step: 'forged' })).statusCode).toBe(404);
    expect((await jobCall(c.credential, 'finish', { error: 'forged' })).statusCode).toBe(404);
    expect(
      (await agentCall(c.credential, 'GET', `/backup-jobs/${bJob.job.id}/readiness?noun=database&name=x`))
        .statusCode,
    ).toBe(404);

    expect((await jobCall(b.credential, 'progress', { step: 'backing up files' })).statusCode).toBe(204);
    const taken = {
      snapshots: [{ part: 'resources', name: null, snapshotId: 'abcdef0123456789' }],
      contents: { files: false, databases: [], mailboxes: [], dnsZones: [] },
      sizeBytes: 42,
    };
    expect((await jobCall(b.credential, 'finish', { error: null, backup: taken })).statusCode).toBe(204);
    const backups = (await admin.get(`/customers/${onB.id}/backups`)).json().items;
    expect(backups[0]).toMatchObject({ state: 'ready', sizeBytes: 42 });
    // A finished job is no one's to report on any more.
    expect((await jobCall(b.credential, 'finish', { error: 'late' })).statusCode).toBe(404);
  });

  it('is cut off at once when the admin reissues the enrollment', async () => {
    expect((await agentCall(c.credential, 'GET', '/kinds/website/applied')).statusCode).toBe(200);
    expect((await admin.post(`/servers/${c.server.id}/enrollment`)).statusCode).toBe(201);
    expect((await agentCall(c.credential, 'GET', '/kinds/website/applied')).statusCode).toBe(401);
  });
});
