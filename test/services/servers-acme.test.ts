import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nginxLayout, nginxStateDir } from '../../server/src/provisioning/drivers/nginx/layout.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { sharedServerDatabase } from '../helpers/database.js';
import { addServerWithAgent } from '../helpers/running-agent.js';
import { startPanel } from '../helpers/running-server.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';
import { startPebble } from './pebble.js';
import { servedCertificate } from './served-certificate.js';

const built = existsSync(new URL('../../dist/server/src/cli/main.js', import.meta.url));
const havePebble = existsSync('/usr/bin/pebble') && existsSync('/usr/bin/pebble-challtestsrv');
const haveServices = (await findNginxBinary()) !== undefined && havePebble && built;
const admin = { email: 'acme-servers-admin@example.test', password: 'a long enough operator passphrase' };
const serverUrl = process.env.TEST_DATABASE_URL;

/** The answers a Keel nginx serves from its data directory now. */
const answersIn = async (dataDir: string) =>
  readdir(nginxLayout(nginxStateDir(dataDir)).challengeDir).catch(() => []);

/**
 * A certificate for a site on another server: pebble validates HTTP-01 through that server's
 * nginx only (its HTTP port is the agent's), so the order succeeds only if the panel's answer
 * reached the agent's nginx, and the certificate it issues must then reach that nginx too.
 */
describe.skipIf(mustSkip('nginx, pebble and a build of Keel', haveServices))(
  "ACME certificates for a site on another server, answered by that server's nginx",
  { timeout: 300_000 },
  async () => {
    const panelDir = await sharedTempDir('acme-panel');
    const agentDir = await sharedTempDir('acme-agent');
    const panelWebPort = await freePort();
    const agentWebPort = await freePort();
    const agentTlsPort = await freePort();
    const pebbleDir = await sharedTempDir('acme-pebble');
    const pebble = await startPebble(pebbleDir, { httpPort: agentWebPort, tlsPort: agentTlsPort });
    // The panel speaks to the CA through Node's TLS: it trusts pebble's listener as an operator's
    // panel trusts Let's Encrypt's.
    const listenerCa = path.join(pebbleDir, 'listener-ca.pem');
    await writeFile(listenerCa, pebble.listenerCa);
    // On PostgreSQL, the answer reaches the agent's long poll through the database's notifications.
    const database = serverUrl ? await sharedServerDatabase(serverUrl) : null;
    if (database) afterAll(() => database.close());
    const { panel, client } = await startPanel(admin, {
      KEEL_DATA_DIR: panelDir,
      KEEL_WEB_PORT: String(panelWebPort),
      KEEL_ACME_DIRECTORY: pebble.directoryUrl,
      NODE_EXTRA_CA_CERTS: listenerCa,
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    });
    const { serverId, agent } = await addServerWithAgent(
      client,
      panel.baseUrl,
      { name: 'server-b', roles: ['web'] },
      {
        KEEL_DATA_DIR: agentDir,
        KEEL_WEB_PORT: String(agentWebPort),
        KEEL_WEB_TLS_PORT: String(agentTlsPort),
      },
    );
    const root = await pebble.issuingRoot();
    const domain = `tls-${Date.now().toString(36)}.servers.test`;
    let site = '';
    const tlsOf = async () => (await client.request('GET', site)).json.tls;

    it("orders the certificate through B's nginx, and B serves it by SNI", async () => {
      const created = await client.request('POST', '/customers', {
        firstName: 'Tess',
        lastName: 'Remote',
        email: `tess-${Date.now()}@example.test`,
        serverId,
      });
      expect(created.status).toBe(201);
      const customerId = created.json.customer.id;
      const made = await client.request('POST', `/customers/${customerId}/websites`, { domain });
      expect(made.status).toBe(201);
      site = `/customers/${customerId}/websites/${made.json.id}`;
      await eventually(async () => expect((await get(agentWebPort, domain)).status).toBe(200), 60_000, 200);

      const asked = await client.request('PATCH', site, { tls: { enabled: true } });
      expect(asked.status).toBe(200);
      await eventually(async () => expect((await tlsOf()).state).not.toBe('pending'), 90_000, 200);
      const tls = await tlsOf();
      expect(tls, tls.error).toMatchObject({
        state: 'issued',
        error: null,
        issuer: expect.stringMatching(/Pebble/),
      });
      await eventually(
        async () =>
          expect(await servedCertificate(agentTlsPort, domain, root)).toMatchObject({
            authorized: true,
            names: `DNS:${domain}`,
          }),
        30_000,
        200,
      );
      // The answer was B's to give, and B takes it away once the order is done.
      expect(await answersIn(panelDir)).toEqual([]);
      await eventually(async () => expect(await answersIn(agentDir)).toEqual([]), 30_000, 200);
      expect((await get(panelWebPort, domain)).status).not.toBe(200);
    });

    /** Waits until B serves a certificate other than `serial`, and the site says it is issued. */
    const servesRenewedCertificate = async (serial: string) => {
      await eventually(
        async () => expect((await servedCertificate(agentTlsPort, domain, root)).serial).not.toBe(serial),
        90_000,
        200,
      );
      expect(await tlsOf()).toMatchObject({ state: 'issued', error: null });
    };

    it("renews through B's nginx, and B serves the new certificate", async () => {
      const before = await servedCertificate(agentTlsPort, domain, root);
      expect((await client.request('POST', `${site}/certificate/renew`)).status).toBe(202);
      await servesRenewedCertificate(before.serial);
    });

    it('serves an answer put while its agent was down once the agent is back, and the order completes', async () => {
      const before = await servedCertificate(agentTlsPort, domain, root);
      await agent.stop('SIGKILL');
      // The panel still counts B online for a few heartbeats: the order starts and waits for B.
      expect((await client.request('POST', `${site}/certificate/renew`)).status).toBe(202);
      await agent.start();
      await servesRenewedCertificate(before.serial);
    });
  },
);
