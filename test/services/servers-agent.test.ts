import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialFile } from '../../server/src/agent/agent-credential-file.js';
import { packagePath } from '../../server/src/package-root.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { RunningAgent } from '../helpers/running-agent.js';
import { startPanel } from '../helpers/running-server.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const run = promisify(execFile);
const built = existsSync(new URL('../../dist/server/src/cli/main.js', import.meta.url));
const haveNginx = (await findNginxBinary()) !== undefined;
const admin = { email: 'servers-admin@example.test', password: 'a long enough operator passphrase' };

/**
 * A panel and the agent of a second server, each its own process with its own data directory and
 * nginx: issue 19's one code path, seen from outside.
 */
describe.skipIf(mustSkip('nginx and a build of Keel', haveNginx && built))(
  "a customer on another server, served by that server's agent",
  { timeout: 300_000 },
  async () => {
    const panelDir = await sharedTempDir('panel');
    const agentDir = await sharedTempDir('agent');
    const panelWebPort = await freePort();
    const agentWebPort = await freePort();
    const { panel, client } = await startPanel(admin, {
      KEEL_DATA_DIR: panelDir,
      KEEL_WEB_PORT: String(panelWebPort),
    });
    const added = await client.request('POST', '/servers', { name: 'server-b', roles: ['web'] });
    expect(added.status).toBe(201);
    const serverId: string = added.json.server.id;
    const token: string = added.json.enrollmentToken;
    // The same command every time: after its first run the token is spent and the stored credential is used.
    const agent = new RunningAgent(['--panel', panel.baseUrl, '--token', token], {
      KEEL_DATA_DIR: agentDir,
      KEEL_WEB_PORT: String(agentWebPort),
      KEEL_SWEEP_SECONDS: '300',
    });
    await agent.start();
    afterAll(() => agent.stop('SIGTERM'));

    const domain = `b-${Date.now().toString(36)}.servers.test`;
    let customerId = '';
    let websiteId = '';
    const websiteState = async () =>
      (await client.request('GET', `/customers/${customerId}/websites/${websiteId}`)).json.provisioning.state;

    it('keeps the credential 0600 in the agent data directory, and the server shows online', async () => {
      expect((await stat(credentialFile(agentDir))).mode & 0o777).toBe(0o600);
      const stored = JSON.parse(await readFile(credentialFile(agentDir), 'utf8'));
      expect(stored.server.id).toBe(serverId);
      await eventually(async () => {
        expect((await client.request('GET', `/servers/${serverId}`)).json.status).toBe('online');
      }, 20_000);
      // The enrollment token was spent by the agent.
      const again = await fetch(`${panel.baseUrl}/api/agent/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-keel-agent-version': '1' },
        body: JSON.stringify({ token }),
      });
      expect(again.status).toBe(401);
      const asUser = await fetch(`${panel.baseUrl}/api/v1/customers`, {
        headers: { authorization: `Bearer ${stored.credential}` },
      });
      expect(asUser.status).toBe(401);
    });

    it("serves a site of a customer on server B from B's nginx, not the panel's", async () => {
      const created = await client.request('POST', '/customers', {
        firstName: 'Bea',
        lastName: 'Remote',
        email: `bea-${Date.now()}@example.test`,
        serverId,
      });
      expect(created.status).toBe(201);
      customerId = created.json.customer.id;
      const site = await client.request('POST', `/customers/${customerId}/websites`, { domain });
      expect(site.status).toBe(201);
      websiteId = site.json.id;
      await eventually(async () => expect(await websiteState()).toBe('ready'), 60_000, 200);
      await eventually(async () => expect((await get(agentWebPort, domain)).status).toBe(200), 10_000);
      expect(existsSync(path.join(agentDir, 'homes', customerId))).toBe(true);
      expect(existsSync(path.join(panelDir, 'homes', customerId))).toBe(false);
      expect((await get(panelWebPort, domain)).status).not.toBe(200);
    });

    it('keeps a change pending while the agent is killed, and converges when the same command starts it again', async () => {
      await agent.stop('SIGKILL');
      expect((await client.request('POST', `/customers/${customerId}/suspend`, {})).status).toBe(200);
      expect(await websiteState()).toBe('pending');
      // B's nginx outlives its killed agent and still serves what it last applied.
      expect((await get(agentWebPort, domain)).status).toBe(200);

      await agent.start();
      await eventually(async () => expect((await get(agentWebPort, domain)).status).toBe(503), 60_000, 200);
      await eventually(async () => expect(await websiteState()).toBe('ready'), 20_000, 200);
    });

    it("keel doctor on B's machine checks B's services against B's resources through the panel", async () => {
      const doctorOnB = () =>
        run(process.execPath, [packagePath('bin/keel.js'), 'doctor'], {
          env: { ...process.env, KEEL_DATA_DIR: agentDir, KEEL_WEB_PORT: String(agentWebPort) },
        }).then(
          ({ stdout }) => ({ code: 0, stdout }),
          (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
        );
      const inOrder = await doctorOnB();
      expect(inOrder.stdout).toContain('Server server-b of the panel at');
      expect(inOrder.stdout).toContain('All in order (checked: websites');
      expect(inOrder.code).toBe(0);
      // A home no customer of B has: left over by hand, or by a customer of another server.
      const stray = path.join(agentDir, 'homes', randomUUID());
      await mkdir(stray);
      try {
        const found = await doctorOnB();
        expect(found.code).toBe(1);
        expect(found.stdout).toContain(`  home           ${path.basename(stray)}`);
      } finally {
        await rm(stray, { recursive: true });
      }
    });

    it("purges the customer on B's machine: its vhost and its home go there, then its rows", async () => {
      const vhost = path.join(agentDir, 'nginx', 'conf', 'sites', `${websiteId}.conf`);
      expect(existsSync(vhost)).toBe(true);
      expect((await client.request('DELETE', `/customers/${customerId}`)).status).toBe(200);
      expect((await client.request('POST', `/customers/${customerId}/purge`)).status).toBe(202);
      await eventually(
        async () => expect((await client.request('GET', `/customers/${customerId}`)).status).toBe(404),
        60_000,
        200,
      );
      expect(existsSync(vhost)).toBe(false);
      expect(existsSync(path.join(agentDir, 'homes', customerId))).toBe(false);
      await eventually(async () => expect((await get(agentWebPort, domain)).status).not.toBe(503), 10_000);
    });
  },
);
