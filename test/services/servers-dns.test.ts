import { Resolver } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { findPowerDnsBinaries } from '../../server/src/provisioning/drivers/powerdns/pdns-binary.js';
import { RunningAgent } from '../helpers/running-agent.js';
import { startPanel } from '../helpers/running-server.js';
import { eventually, freePort, mustSkip, sharedTempDir } from './helpers.js';

const built = existsSync(new URL('../../dist/server/src/cli/main.js', import.meta.url));
const havePowerDns = (await findPowerDnsBinaries()) !== undefined;
const admin = { email: 'dns-servers-admin@example.test', password: 'a long enough operator passphrase' };
const nameservers = 'ns1.servers.test,ns2.servers.test';

/** The A records of `name` on the PowerDNS at `port`, or the error code (EREFUSED: no such zone there). */
function addressesOn(port: number) {
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  return (name: string) => resolver.resolve4(name).catch((error: NodeJS.ErrnoException) => error.code);
}

/**
 * The panel (its local server has the dns role) and the agent of a second name server, each its
 * own process with its own PowerDNS: a zone of a customer living on the panel's machine is served
 * by both, whichever came first, and goes from both.
 */
describe.skipIf(mustSkip('PowerDNS and a build of Keel', havePowerDns && built))(
  "every server with the dns role serves every customer's zones",
  { timeout: 300_000 },
  async () => {
    const panelDnsPort = await freePort();
    const agentDnsPort = await freePort();
    const { panel, client } = await startPanel(admin, {
      KEEL_DATA_DIR: await sharedTempDir('dns-panel'),
      KEEL_DNS_PORT: String(panelDnsPort),
      KEEL_DNS_NAMESERVERS: nameservers,
    });
    const added = await client.request('POST', '/servers', { name: 'ns2', roles: ['dns'] });
    expect(added.status).toBe(201);
    const serverId: string = added.json.server.id;
    const agent = new RunningAgent(['--panel', panel.baseUrl, '--token', added.json.enrollmentToken], {
      KEEL_DATA_DIR: await sharedTempDir('dns-agent'),
      KEEL_DNS_PORT: String(agentDnsPort),
      KEEL_DNS_NAMESERVERS: nameservers,
      KEEL_SWEEP_SECONDS: '300',
    });
    afterAll(() => agent.stop('SIGTERM'));
    const onPanel = addressesOn(panelDnsPort);
    const onAgent = addressesOn(agentDnsPort);

    const local = (await client.request('GET', '/servers')).json.items.find(
      (server: { local: boolean }) => server.local,
    );
    const created = await client.request('POST', '/customers', {
      firstName: 'Nia',
      lastName: 'Nameserved',
      email: `nia-${Date.now()}@example.test`,
      serverId: local.id,
    });
    expect(created.status).toBe(201);
    const customerId: string = created.json.customer.id;
    const zones = `/customers/${customerId}/dns-zones`;
    const domain = `z${Date.now().toString(36)}.servers.test`;
    const host = `www.${domain}`;
    let zoneId = '';
    const provisioning = async () => (await client.request('GET', `${zones}/${zoneId}`)).json.provisioning;

    it('serves a zone from the panel at once, and reads pending naming the name server that is offline', async () => {
      const zone = await client.request('POST', zones, {
        domain,
        records: [{ name: 'www', type: 'A', value: '192.0.2.41' }],
      });
      expect(zone.status).toBe(201);
      zoneId = zone.json.id;
      await eventually(async () => expect(await onPanel(host)).toEqual(['192.0.2.41']), 20_000, 100);
      expect(await provisioning()).toMatchObject({
        state: 'pending',
        error: 'Waiting for server ns2 (offline)',
      });
    });

    it('gives a name server that joins later every zone, and reads ready once both serve it', async () => {
      await agent.start();
      await eventually(async () => expect(await onAgent(host)).toEqual(['192.0.2.41']), 60_000, 200);
      await eventually(
        async () => expect(await provisioning()).toMatchObject({ state: 'ready', error: null }),
        20_000,
        200,
      );
    });

    it('applies a change of records on both', async () => {
      const changed = await client.request('PATCH', `${zones}/${zoneId}`, {
        records: [{ name: 'www', type: 'A', value: '192.0.2.42' }],
      });
      expect(changed.status).toBe(200);
      await eventually(async () => expect(await onPanel(host)).toEqual(['192.0.2.42']), 20_000, 100);
      await eventually(async () => expect(await onAgent(host)).toEqual(['192.0.2.42']), 20_000, 100);
      await eventually(async () => expect((await provisioning()).state).toBe('ready'), 20_000, 200);
    });

    it('takes every zone off a server that loses the dns role, and loads them again when it gets it back', async () => {
      expect((await client.request('PATCH', `/servers/${serverId}`, { roles: ['web'] })).status).toBe(200);
      await eventually(async () => expect(await onAgent(host)).toBe('EREFUSED'), 20_000, 100);
      expect(await onPanel(host)).toEqual(['192.0.2.42']);
      // Served by every server that has the role now: the panel's.
      await eventually(async () => expect((await provisioning()).state).toBe('ready'), 20_000, 200);

      expect((await client.request('PATCH', `/servers/${serverId}`, { roles: ['dns'] })).status).toBe(200);
      await eventually(async () => expect(await onAgent(host)).toEqual(['192.0.2.42']), 20_000, 100);
    });

    it('takes a deleted zone off both name servers, then frees its domain', async () => {
      expect((await client.request('DELETE', `${zones}/${zoneId}`)).status).toBe(204);
      await eventually(async () => expect(await onPanel(host)).toBe('EREFUSED'), 20_000, 100);
      await eventually(async () => expect(await onAgent(host)).toBe('EREFUSED'), 20_000, 100);
      // The domain stays reserved until the last name server has taken the zone off.
      await eventually(
        async () => expect((await client.request('POST', zones, { domain })).status).toBe(201),
        20_000,
        200,
      );
    });

    it('takes the zones of a purged customer off both name servers', async () => {
      // The zone made again (no records) reaches both, each in its own time: a name in it does not
      // exist, rather than refused.
      await eventually(async () => expect(await onAgent(`x.${domain}`)).toBe('ENOTFOUND'), 20_000, 200);
      await eventually(async () => expect(await onPanel(`x.${domain}`)).toBe('ENOTFOUND'), 20_000, 200);
      expect((await client.request('DELETE', `/customers/${customerId}`)).status).toBe(200);
      expect((await client.request('POST', `/customers/${customerId}/purge`)).status).toBe(202);
      await eventually(async () => expect(await onPanel(`x.${domain}`)).toBe('EREFUSED'), 20_000, 100);
      await eventually(async () => expect(await onAgent(`x.${domain}`)).toBe('EREFUSED'), 20_000, 100);
      await eventually(
        async () => expect((await client.request('GET', `/customers/${customerId}`)).status).toBe(404),
        20_000,
        200,
      );
    });
  },
);
