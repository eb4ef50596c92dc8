import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialFile } from '../../server/src/agent/agent-credential-file.js';
import { addServerWithAgent } from '../helpers/running-agent.js';
import { startPanel } from '../helpers/running-server.js';
import { scratchInstall } from '../helpers/scratch-install.js';
import { eventually, mustSkip, sharedTempDir } from './helpers.js';

const built = existsSync(new URL('../../dist/server/src/cli/main.js', import.meta.url));
const runsAsRoot = process.getuid?.() === 0;
const admin = { email: 'cron-servers-admin@example.test', password: 'a long enough operator passphrase' };

/**
 * A panel and the agent of a second server, each its own process with its own data directory:
 * a customer's cron jobs run on the machine the customer lives on, by that machine's scheduler.
 */
describe.skipIf(mustSkip('root and a build of Keel', runsAsRoot && built))(
  "cron jobs run on their customer's server",
  { timeout: 300_000 },
  async () => {
    const panelDir = await sharedTempDir('cron-panel');
    const agentDir = await sharedTempDir('cron-agent');
    // The panel's own PostgreSQL database under TEST_DATABASE_URL, else PGlite in its data directory.
    const install = await scratchInstall();
    afterAll(() => install.remove());
    const { DATABASE_URL } = install.env;
    const { panel, client } = await startPanel(admin, {
      ...(DATABASE_URL ? { DATABASE_URL } : {}),
      KEEL_DATA_DIR: panelDir,
    });
    const { serverId: serverB } = await addServerWithAgent(
      client,
      panel.baseUrl,
      { name: 'cron-b', roles: ['web'] },
      { KEEL_DATA_DIR: agentDir },
    );
    const servers = await client.request('GET', '/servers');
    const localServer: string = servers.json.items.find((server: { local: boolean }) => server.local).id;

    const customerOn = async (serverId: string, name: string) => {
      const created = await client.request('POST', '/customers', {
        firstName: name,
        lastName: 'Cron',
        email: `${name.toLowerCase()}-${Date.now()}@example.test`,
        serverId,
      });
      expect(created.status).toBe(201);
      return created.json.customer.id as string;
    };
    const addJob = async (customerId: string, command: string) => {
      const created = await client.request('POST', `/customers/${customerId}/cron-jobs`, {
        schedule: '* * * * *',
        command,
      });
      expect(created.status).toBe(201);
      const url = `/customers/${customerId}/cron-jobs/${created.json.id}`;
      await eventually(
        async () => expect((await client.request('GET', url)).json.provisioning.state).toBe('ready'),
        60_000,
        200,
      );
      return { id: created.json.id as string, url };
    };
    /** The job's last run once it has one: the next full minute, on whichever machine runs it. */
    const ranOnce = (url: string) =>
      eventually(
        async () => {
          const { lastRun } = (await client.request('GET', url)).json;
          expect(lastRun).not.toBeNull();
          return lastRun as { exitCode: number | null; output: string };
        },
        120_000,
        500,
      );
    const agentCall = async (route: string, body: unknown) => {
      const { credential } = JSON.parse(await readFile(credentialFile(agentDir), 'utf8'));
      return fetch(`${panel.baseUrl}/api/agent/v1${route}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${credential}`,
          'content-type': 'application/json',
          'x-keel-agent-version': '1',
        },
        body: JSON.stringify(body),
      });
    };

    const remote = await customerOn(serverB, 'Remo');
    const local = await customerOn(localServer, 'Loca');
    const agentHome = path.join(agentDir, 'homes', remote);
    const remoteJob = await addJob(remote, 'echo ran in $(pwd); echo x >> cron-ran.log; exit 4');
    const longJob = await addJob(remote, 'echo started > long.log; exec sleep 300');
    const localJob = await addJob(local, 'echo ran in $(pwd); echo x >> cron-ran.log');

    it("runs a job of a customer on server B in B's homes, shown through the panel's API", async () => {
      const run = await ranOnce(remoteJob.url);
      expect(run).toEqual({ at: expect.any(String), exitCode: 4, output: `ran in ${agentHome}\n` });
      // Once a minute since: a later minute may have come already.
      expect(await readFile(path.join(agentHome, 'cron-ran.log'), 'utf8')).toMatch(/^(x\n)+$/);
      // The panel's own scheduler took none of B's jobs: nothing of the customer is on its machine.
      expect(existsSync(path.join(panelDir, 'homes', remote))).toBe(false);
    });

    it("still runs the local server's jobs on the panel's machine", async () => {
      const home = path.join(panelDir, 'homes', local);
      expect(await ranOnce(localJob.url)).toMatchObject({ exitCode: 0, output: `ran in ${home}\n` });
      expect(existsSync(path.join(agentDir, 'homes', local))).toBe(false);
    });

    it("refuses B's credential another server's jobs", async () => {
      const forged = await agentCall(`/cron/jobs/${localJob.id}/runs`, {
        owner: 'intruder',
        at: new Date().toISOString(),
        exitCode: 0,
        output: 'forged',
      });
      expect(forged.status).toBe(404);
      // Its last run is still one the panel's scheduler recorded.
      const home = path.join(panelDir, 'homes', local);
      expect((await client.request('GET', localJob.url)).json.lastRun.output).toBe(`ran in ${home}\n`);
      const runnable = await agentCall('/cron/runnable', { ids: [localJob.id, remoteJob.id] });
      expect(runnable.status).toBe(200);
      expect(await runnable.json()).toEqual({ ids: [remoteJob.id] });
    });

    it("kills B's running job when its customer is suspended", async () => {
      await eventually(() => readFile(path.join(agentHome, 'long.log'), 'utf8'), 120_000, 200);
      expect((await client.request('GET', longJob.url)).json.lastRun).toBeNull();
      expect((await client.request('POST', `/customers/${remote}/suspend`, {})).status).toBe(200);
      const run = await eventually(
        async () => {
          const { lastRun } = (await client.request('GET', longJob.url)).json;
          expect(lastRun?.output).toContain(
            '[keel] stopped: the job was switched off or its customer suspended',
          );
          return lastRun;
        },
        30_000,
        200,
      );
      expect(run.exitCode).toBe(137);
    });
  },
);
