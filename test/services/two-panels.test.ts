import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { workPollMs } from '../../server/src/agent/agent-protocol.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { sharedServerDatabase } from '../helpers/database.js';
import { sampleValue } from '../helpers/prometheus.js';
import { addServerWithAgent } from '../helpers/running-agent.js';
import { RunningServer } from '../helpers/running-server.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  console.warn(
    'Skipping two panels on one database: only a PostgreSQL server is shared by processes (TEST_DATABASE_URL is unset; PGlite lives inside one process).',
  );
}
const built = existsSync(new URL('../../dist/server/src/cli/main.js', import.meta.url));
const haveNginx = (await findNginxBinary()) !== undefined;
const admin = { email: 'panels-admin@example.test', password: 'a long enough operator passphrase' };
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const runs = serverUrl !== undefined && !mustSkip('nginx and a build of Keel', haveNginx && built);

/**
 * Two panel processes on one PostgreSQL database, as behind a load balancer, with the agent of a
 * hosting server polling the second: whichever panel a request reaches, the whole panel acts.
 */
describe.skipIf(!runs)('two panels on one PostgreSQL database', { timeout: 300_000 }, async () => {
  // A skipped suite's body is still collected: without a server there is nothing to set up.
  if (!serverUrl) return;
  const database = await sharedServerDatabase(serverUrl);
  afterAll(() => database.close());
  // What docs/deploy.md says every panel behind the load balancer shares.
  const shared = {
    DATABASE_URL: database.url,
    KEEL_SECRET_KEY: randomBytes(32).toString('hex'),
    KEEL_METRICS_TOKEN: randomBytes(24).toString('hex'),
    KEEL_BACKUP_DIR: await sharedTempDir('backups'),
    KEEL_ADMIN_EMAIL: admin.email,
    KEEL_ADMIN_PASSWORD: admin.password,
    // Both schedulers look every second, so each due item meets two of them.
    KEEL_SWEEP_SECONDS: '1',
    KEEL_PURGE_SWEEP_SECONDS: '1',
  };
  const panelEnv = async (name: string) => ({ ...shared, KEEL_DATA_DIR: await sharedTempDir(name) });
  const panels = [
    new RunningServer(await freePort(), await panelEnv('panel-1')),
    new RunningServer(await freePort(), await panelEnv('panel-2')),
  ] as const;
  const [one, two] = panels;
  // Started together, as a supervisor starts them: one migrates and makes the first admin, the other waits or finds it.
  await Promise.all(panels.map((panel) => panel.start()));
  afterAll(() => Promise.all(panels.map((panel) => panel.stop('SIGTERM'))));
  const onOne = one.client();
  await onOne.login(admin.email, admin.password);
  const onTwo = onOne.at(two);

  const agentWebPort = await freePort();
  // Neither the agent's sweep (the helper's 300 s) nor its poll's timeout may be what brings the change.
  const { serverId } = await addServerWithAgent(
    onOne,
    two.baseUrl,
    { name: 'server-b', roles: ['web'] },
    { KEEL_DATA_DIR: await sharedTempDir('agent'), KEEL_WEB_PORT: String(agentWebPort) },
  );

  const created = await onOne.request('POST', '/customers', {
    firstName: 'Bea',
    lastName: 'Remote',
    email: `bea-${unique()}@example.test`,
    serverId,
  });
  expect(created.status).toBe(201);
  const customerId: string = created.json.customer.id;
  const newCustomers = async (count: number, name: string) => {
    const ids: string[] = [];
    for (let n = 0; n < count; n += 1) {
      const made = await onOne.request('POST', '/customers', {
        firstName: name,
        lastName: `Number ${n}`,
        email: `${name.toLowerCase()}-${n}-${unique()}@example.test`,
      });
      expect(made.status).toBe(201);
      ids.push(made.json.customer.id);
    }
    return ids;
  };
  const auditCounts = async (ids: string[], actions: string[]) =>
    (
      await database.pool?.query<{ customerId: string; action: string; count: number }>(
        `select customer_id as "customerId", action, count(*)::int as count from audit_events
            where customer_id = any($1::uuid[]) and action = any($2::text[]) group by customer_id, action`,
        [ids, actions],
      )
    )?.rows ?? [];
  const served = (domain: string, timeoutMs: number) =>
    eventually(async () => expect((await get(agentWebPort, domain)).status).toBe(200), timeoutMs, 50);

  it("wakes the agent polling panel 2 at once for a change made through panel 1, not at its poll's timeout", async () => {
    // A change through panel 2 first: served, the agent's next poll has just begun and would run its full time.
    const first = `first-${unique()}.panels.test`;
    expect((await onTwo.request('POST', `/customers/${customerId}/websites`, { domain: first })).status).toBe(
      201,
    );
    await served(first, 60_000);

    const second = `second-${unique()}.panels.test`;
    expect((await get(agentWebPort, second)).status).toBe(404);
    expect(
      (await onOne.request('POST', `/customers/${customerId}/websites`, { domain: second })).status,
    ).toBe(201);
    await served(second, workPollMs / 3);
  });

  it("reports server B's convergence where its agent reports, and its queue and status on both panels", async () => {
    const scrape = async (panel: RunningServer) =>
      (
        await fetch(`${panel.baseUrl}/metrics`, {
          headers: { authorization: `Bearer ${shared.KEEL_METRICS_TOKEN}` },
        })
      ).text();
    const onB = { kind: 'websites', server: 'server-b' };
    await eventually(async () => {
      for (const panel of panels) {
        const text = await scrape(panel);
        expect(sampleValue(text, 'keel_reconciler_queue_depth', onB)).toBe(0);
        expect(sampleValue(text, 'keel_servers_online')).toBe(2);
        expect(sampleValue(text, 'keel_servers_offline')).toBe(0);
      }
    }, 10_000);
    // The agent records its outcomes through panel 2: the histogram is that process's.
    expect(sampleValue(await scrape(two), 'keel_convergence_seconds_count', onB)).toBe(2);
    expect(sampleValue(await scrape(one), 'keel_convergence_seconds_count', onB)).toBe(0);
  });

  it('takes a session made on panel 1 on panel 2, and a sign-out on either ends it on both', async () => {
    const signedIn = one.client();
    await signedIn.login(admin.email, admin.password);
    const elsewhere = signedIn.at(two);
    const seen = await elsewhere.request('GET', '/auth/session');
    expect(seen.status).toBe(200);
    expect(seen.json.user.email).toBe(admin.email);
    expect((await elsewhere.request('POST', '/auth/logout')).status).toBe(204);
    // Panel 1 still sends the cookie: the session is over on the server, not just forgotten.
    expect((await signedIn.request('GET', '/auth/session')).status).toBe(401);
  });

  it('counts failed sign-ins on either panel against the same account', async () => {
    const [customerId] = await newCustomers(1, 'Tried');
    const email: string = (await onOne.request('GET', `/customers/${customerId}`)).json.email;
    const attempt = async (panel: RunningServer) =>
      (
        await fetch(`${panel.baseUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'certainly not the password of this one' }),
        })
      ).status;
    // Five free failures per account and address: three here, two there.
    for (const panel of [one, one, one, two, two]) expect(await attempt(panel)).toBe(401);
    // Neither panel saw five itself: only the count they share holds the next guess back.
    expect(await attempt(two)).toBe(429);
    expect(await attempt(one)).toBe(429);
  });

  it('purges each due customer once, though both panels sweep for due purges every second', async () => {
    const ids = await newCustomers(6, 'Gone');
    for (const [n, id] of ids.entries())
      expect((await (n % 2 ? onOne : onTwo).request('DELETE', `/customers/${id}`)).status).toBe(200);
    // Their retention ends for both schedulers at the same moment.
    await database.pool?.query('update customers set purge_after = now() where id = any($1::uuid[])', [ids]);
    await eventually(
      async () => {
        for (const id of ids) expect((await onTwo.request('GET', `/customers/${id}`)).status).toBe(404);
      },
      30_000,
      200,
    );
    const counts = await auditCounts(ids, ['customer.purge_started', 'customer.purged']);
    expect(counts).toHaveLength(ids.length * 2);
    expect(counts.every((row) => row.count === 1)).toBe(true);
  });

  it('queues one scheduled backup per customer, though both panels look for due ones', async () => {
    const ids = await newCustomers(4, 'Saved');
    const settings = { schedule: 'daily', keepDaily: 7, keepWeekly: 4 };
    expect((await onTwo.request('PUT', '/settings/backups', settings)).status).toBe(200);
    const scheduled = async () =>
      (
        await database.pool?.query<{ customerId: string; state: string }>(
          `select b.customer_id as "customerId", j.state from backups b join backup_jobs j on j.backup_id = b.id
              where b.trigger = 'scheduled' and b.customer_id = any($1::uuid[])`,
          [ids],
        )
      )?.rows ?? [];
    // Until each has run (or failed): a second sweep of either panel comes after that.
    await eventually(
      async () => {
        const rows = await scheduled();
        expect(new Set(rows.map((row) => row.customerId)).size).toBe(ids.length);
        expect(rows.filter((row) => row.state === 'queued' || row.state === 'running')).toEqual([]);
      },
      60_000,
      200,
    );
    expect((await scheduled()).length).toBe(ids.length);
    expect((await onTwo.request('PUT', '/settings/backups', { ...settings, schedule: 'off' })).status).toBe(
      200,
    );
  });
});
