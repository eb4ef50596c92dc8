import { Resolver } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteDocumentRoot } from '../../server/src/provisioning/drivers/files/customer-homes.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { findPowerDnsBinaries } from '../../server/src/provisioning/drivers/powerdns/pdns-binary.js';
import { addServerWithAgent } from '../helpers/running-agent.js';
import { startPanel } from '../helpers/running-server.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const built = existsSync(new URL('../../dist/server/src/cli/main.js', import.meta.url));
const haveServices = (await findNginxBinary()) !== undefined && (await findPowerDnsBinaries()) !== undefined;
const admin = { email: 'move-admin@example.test', password: 'a long enough operator passphrase' };

/**
 * A panel and two agents, each with its own data directory, nginx and PowerDNS: a customer moves
 * from server B to server A with its files and zones, A serves it, and nothing is left on B.
 */
describe.skipIf(mustSkip('nginx, PowerDNS, restic and a build of Keel', haveServices && built))(
  'moving a customer between two servers',
  { timeout: 600_000 },
  async () => {
    const panelDir = await sharedTempDir('move-panel');
    const backupDir = path.join(await sharedTempDir('move-repositories'), 'repositories');
    const { panel, client } = await startPanel(admin, {
      KEEL_DATA_DIR: panelDir,
      KEEL_BACKUP_DIR: backupDir,
    });

    const startAgent = async (name: string, agentBackupDir = backupDir) => {
      const dir = await sharedTempDir(`move-${name}`);
      const webPort = await freePort();
      const dnsPort = await freePort();
      const { serverId, agent } = await addServerWithAgent(
        client,
        panel.baseUrl,
        { name, roles: ['web', 'dns'] },
        {
          KEEL_DATA_DIR: dir,
          KEEL_WEB_PORT: String(webPort),
          KEEL_DNS_PORT: String(dnsPort),
          KEEL_DNS_NAMESERVERS: 'ns1.move.test',
          KEEL_BACKUP_DIR: agentBackupDir,
        },
      );
      const resolver = new Resolver({ timeout: 2000, tries: 1 });
      resolver.setServers([`127.0.0.1:${dnsPort}`]);
      return { id: serverId, dir, webPort, agent, resolver };
    };
    // Sites and zones only: what servers with the web and dns roles hold.
    const plan = await client.request('POST', '/packages', {
      name: 'Sites and zones',
      limits: { databases: 0, mailboxes: 0, ftpAccounts: 0 },
    });
    expect(plan.status).toBe(201);
    const packageId: string = plan.json.id;
    const a = await startAgent('server-a');
    const b = await startAgent('server-b');
    // C does not reach the repository B backs up to: every restore there fails.
    const c = await startAgent('server-c', path.join(await sharedTempDir('move-elsewhere'), 'repositories'));
    const address = (server: typeof a, name: string) =>
      server.resolver.resolveSoa(name).catch((error: NodeJS.ErrnoException) => error.code);

    const domain = `moving-${Date.now().toString(36)}.test`;
    const created = await client.request('POST', '/customers', {
      firstName: 'Mo',
      lastName: 'Ving',
      email: `mo-${Date.now()}@example.test`,
      serverId: b.id,
      packageId,
    });
    expect(created.status).toBe(201);
    const customerId: string = created.json.customer.id;
    const base = `/customers/${customerId}`;
    const site = await client.request('POST', `${base}/websites`, { domain });
    expect(site.status).toBe(201);
    const zone = await client.request('POST', `${base}/dns-zones`, { domain });
    expect(zone.status).toBe(201);
    await eventually(async () => expect((await get(b.webPort, domain)).status).toBe(200), 60_000, 200);
    await eventually(async () => expect(await address(b, domain)).toEqual(expect.any(Object)), 60_000, 200);
    const pageOn = (server: typeof a) =>
      path.join(siteDocumentRoot(path.join(server.dir, 'homes'), customerId, site.json.id), 'moved.html');
    await writeFile(pageOn(b), 'carried from B\n', { mode: 0o644 });

    const moveOf = async () => (await client.request('GET', base)).json.move;

    it('carries the files from B to A; A serves the site, and B keeps neither its site nor its home', async () => {
      const moved = await client.request('POST', `${base}/move`, { serverId: a.id });
      expect(moved.status).toBe(202);
      await eventually(async () => expect((await moveOf()).state).not.toBe('running'), 300_000, 500);
      expect(await moveOf()).toMatchObject({ state: 'done', error: null });
      expect((await client.request('GET', base)).json.server.id).toBe(a.id);
      const answer = await get(a.webPort, domain, '/moved.html');
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('carried from B\n');
      expect(await address(a, domain)).toEqual(expect.any(Object));
      await eventually(async () => expect((await get(b.webPort, domain)).status).not.toBe(200), 10_000);
      expect(existsSync(path.join(b.dir, 'homes', customerId))).toBe(false);
      // Zones never followed the customer: B has the dns role, so it serves every zone, this one too.
      expect(await address(b, domain)).toEqual(expect.any(Object));
      const audit = (await client.request('GET', `${base}/audit?action=customer.moved`)).json.items;
      expect(audit).toHaveLength(1);
    });

    it('fails a move whose restore fails on the target: the customer stays on B, served by B, and C keeps nothing', async () => {
      const other = `stays-${Date.now().toString(36)}.test`;
      const made = await client.request('POST', '/customers', {
        firstName: 'St',
        lastName: 'Ays',
        email: `stays-${Date.now()}@example.test`,
        serverId: b.id,
        packageId,
      });
      const stayingId: string = made.json.customer.id;
      const staying = `/customers/${stayingId}`;
      const stayingSite = await client.request('POST', `${staying}/websites`, { domain: other });
      await eventually(async () => expect((await get(b.webPort, other)).status).toBe(200), 60_000, 200);
      const page = path.join(
        siteDocumentRoot(path.join(b.dir, 'homes'), stayingId, stayingSite.json.id),
        'kept.html',
      );
      await writeFile(page, 'still on B\n', { mode: 0o644 });

      expect((await client.request('POST', `${staying}/move`, { serverId: c.id })).status).toBe(202);
      await eventually(
        async () => expect((await client.request('GET', staying)).json.move.state).not.toBe('running'),
        300_000,
        500,
      );
      const customer = (await client.request('GET', staying)).json;
      expect(customer.move).toMatchObject({ state: 'failed', step: 'restoring' });
      expect(customer.move.error).toMatch(/restore on server-c failed/);
      expect(customer.server.id).toBe(b.id);
      await eventually(
        async () => {
          const site = (await client.request('GET', `${staying}/websites/${stayingSite.json.id}`)).json;
          expect(site.provisioning.state).toBe('ready');
        },
        60_000,
        200,
      );
      const answer = await get(b.webPort, other, '/kept.html');
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('still on B\n');
      await eventually(
        async () => expect(existsSync(path.join(c.dir, 'homes', stayingId))).toBe(false),
        60_000,
        200,
      );
      await eventually(async () => expect((await get(c.webPort, other)).status).not.toBe(200), 10_000);
      const audit = (await client.request('GET', `${staying}/audit?action=customer.move_failed`)).json.items;
      expect(audit).toHaveLength(1);
    });
  },
);
