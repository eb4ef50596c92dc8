import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { customerPrefix } from '../../server/src/hosting/names.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { RunningServer, type SessionClient } from '../helpers/running-server.js';
import { eventually, freePort, mustSkip, sharedTempDir } from './helpers.js';

const socketPath = '/run/mysqld/mysqld.sock';
const built = existsSync(new URL('../../dist/server/src/cli/main.js', import.meta.url));
const haveServices = (await findNginxBinary()) !== undefined && existsSync(socketPath);
const admin = { email: 'crash-admin@example.test', password: 'a long enough operator passphrase' };

/** What MariaDB still holds with this customer's prefix: databases and users. */
async function mariadbLeftovers(customerId: string): Promise<string[]> {
  const like = `${customerPrefix(customerId).replace(/_/g, '\\_')}%`;
  const root = await mysql.createConnection({ socketPath, user: 'root' });
  try {
    const [schemas] = await root.query(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?',
      [like],
    );
    const [accounts] = await root.query('SELECT User AS name FROM mysql.user WHERE User LIKE ?', [like]);
    return [...(schemas as { name: string }[]), ...(accounts as { name: string }[])].map((row) => row.name);
  } finally {
    await root.end();
  }
}

async function customerWithResources(client: SessionClient, n: number) {
  const created = await client.request('POST', '/customers', {
    firstName: 'Crash',
    lastName: `Test ${n}`,
    email: `crash-${n}-${Date.now()}@example.test`,
  });
  expect(created.status).toBe(201);
  const id: string = created.json.customer.id;
  const sites: string[] = [];
  for (let i = 0; i < 3; i++) {
    const site = await client.request('POST', `/customers/${id}/websites`, {
      domain: `s${i}.c${n}-${Date.now()}.crash.test`,
    });
    sites.push(site.json.id);
  }
  for (const name of ['shop', 'blog']) {
    expect((await client.request('POST', `/customers/${id}/databases`, { name })).status).toBe(201);
  }
  await eventually(async () => {
    const listed = [
      ...(await client.request('GET', `/customers/${id}/websites`)).json.items,
      ...(await client.request('GET', `/customers/${id}/databases`)).json.items,
    ];
    expect(listed.map((item: { provisioning: { state: string } }) => item.provisioning.state)).toEqual(
      Array(5).fill('ready'),
    );
  }, 60_000);
  return { id, sites };
}

describe.skipIf(mustSkip('nginx, MariaDB and a build of Keel', haveServices && built))(
  'a purge killed with SIGKILL at any point finishes after a restart',
  async () => {
    const dataDir = await sharedTempDir('purge-crash');
    const server = new RunningServer(await freePort(), {
      KEEL_DATA_DIR: dataDir,
      KEEL_WEB_PORT: String(await freePort()),
      KEEL_MARIADB_URL: `mysql://root@localhost/?socket=${socketPath}`,
      KEEL_ADMIN_EMAIL: admin.email,
      KEEL_ADMIN_PASSWORD: admin.password,
      KEEL_PURGE_SWEEP_SECONDS: '1',
    });
    afterAll(() => server.stop('SIGTERM'));

    it.each([0, 60, 300])(
      'leaves nothing behind when killed %i ms into the purge',
      { timeout: 300_000 },
      async (delayMs) => {
        await server.stop('SIGTERM');
        await server.start();
        const client = server.client();
        await client.login(admin.email, admin.password);
        const customer = await customerWithResources(client, delayMs);
        expect((await client.request('DELETE', `/customers/${customer.id}`)).status).toBe(200);
        expect((await client.request('POST', `/customers/${customer.id}/purge`)).status).toBe(202);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        await server.stop('SIGKILL');

        await server.start();
        const again = server.client();
        await again.login(admin.email, admin.password);
        await eventually(async () => {
          expect((await again.request('GET', `/customers/${customer.id}`)).status).toBe(404);
        }, 60_000);
        const vhosts = await readdir(path.join(dataDir, 'nginx', 'sites')).catch(() => [] as string[]);
        for (const site of customer.sites) expect(vhosts).not.toContain(`${site}.conf`);
        expect(existsSync(path.join(dataDir, 'homes', customer.id))).toBe(false);
        expect(await mariadbLeftovers(customer.id)).toEqual([]);
        const audit = await again.request('GET', `/audit?customerId=${customer.id}&action=customer.purged`);
        expect(audit.json.total).toBe(1);
        expect(await server.stop('SIGTERM')).toBe(0);
      },
    );
  },
);
