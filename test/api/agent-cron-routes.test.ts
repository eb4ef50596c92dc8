import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { agentProtocolHeader, agentProtocolVersion } from '../../server/src/agent/agent-protocol.js';
import { cronJobKind } from '../../server/src/cron-jobs/cron-job-kind.js';
import { DatabaseStore } from '../../server/src/provisioning/database-store.js';
import { localServer, type ServerRef } from '../../server/src/provisioning/server-ref.js';
import { testApp } from '../helpers/app.js';

describe("agent cron routes: an agent runs its own server's cron jobs and reaches no other's", async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const version = { [agentProtocolHeader]: String(agentProtocolVersion) };

  const agentCall = (credential: string | null, url: string, body: unknown) =>
    keel.app.inject({
      method: 'POST',
      url: `/api/agent/v1${url}`,
      headers: { ...version, ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      payload: body as InjectOptions['payload'],
    });
  const enrolled = async (name: string) => {
    const created = (await admin.post('/servers', { name, roles: ['web'] })).json();
    const answer = await agentCall(null, '/enroll', { token: created.enrollmentToken });
    expect(answer.statusCode, answer.body).toBe(201);
    return { id: created.server.id as string, credential: answer.json().credential as string };
  };
  /** A customer on the server with one job due every minute; answers the job's URL and id. */
  const jobOn = async (serverId: string) => {
    const customer = await admin.post('/customers', {
      firstName: 'Cron',
      lastName: 'Tenant',
      email: `cron-${serverId.slice(0, 8)}-${Date.now()}@example.test`,
      serverId,
    });
    const customerId = customer.json().customer.id as string;
    const job = await admin.post(`/customers/${customerId}/cron-jobs`, {
      schedule: '* * * * *',
      command: 'true',
    });
    expect(job.statusCode).toBe(201);
    return {
      customerId,
      id: job.json().id as string,
      url: `/customers/${customerId}/cron-jobs/${job.json().id}`,
    };
  };
  /** The server's jobs made ready, as its reconciler would. */
  const converge = async (server: ServerRef) => {
    const store = new DatabaseStore({
      db: keel.handle.db,
      server,
      signals: keel.system.signals,
      panelKey: keel.system.panelKey,
      now: keel.clock.now,
    });
    const { claims } = await store.claim(cronJobKind, 'test', 100);
    await store.recordOutcomes(
      cronJobKind,
      'test',
      claims.map((claim) => ({ claim, ok: true, error: null, unconfigured: false })),
    );
  };
  const claim = async (credential: string) => {
    const answer = await agentCall(credential, '/cron/claims', {
      owner: 'cron-1',
      leaseMs: 60_000,
      limit: 10,
    });
    expect(answer.statusCode, answer.body).toBe(200);
    return (answer.json().runs as { id: string }[]).map((run) => run.id);
  };
  const run = { owner: 'cron-1', at: '2026-01-01T00:00:00.000Z', exitCode: 2, output: 'done\n' };

  const b = await enrolled('cron-b');
  const c = await enrolled('cron-c');
  const localServerId = (await admin.get('/servers'))
    .json()
    .items.find((s: { local: boolean }) => s.local).id;
  const onB = await jobOn(b.id);
  const onC = await jobOn(c.id);
  const onLocal = await jobOn(localServerId);
  for (const server of [{ id: b.id }, { id: c.id }, localServer]) await converge(server);
  keel.clock.advance(60_000);

  it("hands each agent its own server's jobs due, each due time once", async () => {
    expect(await claim(b.credential)).toEqual([onB.id]);
    expect(await claim(b.credential)).toEqual([]);
    expect(await claim(c.credential)).toEqual([onC.id]);
  });

  it('records a run of its own job, and refuses one of another server', async () => {
    const recorded = await agentCall(b.credential, `/cron/jobs/${onB.id}/runs`, run);
    expect(recorded.statusCode, recorded.body).toBe(204);
    expect((await admin.get(onB.url)).json().lastRun).toEqual({
      at: run.at,
      exitCode: 2,
      output: 'done\n',
    });
    for (const other of [onC, onLocal]) {
      const refused = await agentCall(b.credential, `/cron/jobs/${other.id}/runs`, run);
      expect(refused.statusCode).toBe(404);
      expect((await admin.get(other.url)).json().lastRun).toBeNull();
    }
  });

  it("answers which of its server's running jobs may still run", async () => {
    const ids = [onB.id, onC.id, onLocal.id];
    expect((await agentCall(b.credential, '/cron/runnable', { ids })).json()).toEqual({ ids: [onB.id] });
    expect((await admin.post(`/customers/${onB.customerId}/suspend`, {})).statusCode).toBe(200);
    expect((await agentCall(b.credential, '/cron/runnable', { ids })).json()).toEqual({ ids: [] });
  });
});
