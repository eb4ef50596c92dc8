import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nativePasswordHash } from '../../server/src/provisioning/drivers/mariadb/password-hash.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { startServiceDrivers } from '../../server/src/provisioning/drivers/service-drivers.js';
import { customerPrefix, databaseName } from '../../server/src/provisioning/names.js';
import { eventually, freePort, get, mustSkip, newId, sharedTempDir } from './helpers.js';

const binary = await findNginxBinary();
const mariadbUrl = process.env.KEEL_MARIADB_URL ?? 'mysql://root@localhost/?socket=/run/mysqld/mysqld.sock';

describe('service drivers from settings', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('names the missing setting when a service is not configured', async () => {
    const dir = await sharedTempDir('unconfigured');
    dirs.push(dir);
    const drivers = await startServiceDrivers({
      dataDir: dir,
      homesDir: path.join(dir, 'homes'),
      webPort: null,
      nginxBin: null,
      mariadbUrl: null,
    });
    expect(drivers.websites).toBeNull();
    expect(drivers.websitesUnavailable).toMatch(/KEEL_WEB_PORT/);
    expect(drivers.databases).toBeNull();
    expect(drivers.databasesUnavailable).toMatch(/KEEL_MARIADB_URL/);
    await drivers.stop();
  });

  it.skipIf(mustSkip('nginx', binary !== undefined))(
    'runs both services end to end and stops them',
    async () => {
      const dir = await sharedTempDir('services');
      dirs.push(dir);
      const port = await freePort();
      const drivers = await startServiceDrivers({
        dataDir: dir,
        homesDir: path.join(dir, 'homes'),
        webPort: port,
        nginxBin: null,
        mariadbUrl,
      });
      try {
        const customerId = newId();
        const website = {
          id: newId(),
          customerId,
          domain: 'end-to-end.example.test',
          state: 'live' as const,
        };
        expect(await drivers.websites?.apply([website])).toEqual([{ id: website.id, ok: true }]);
        await eventually(async () => expect((await get(port, website.domain)).status).toBe(200));
        const name = databaseName(customerPrefix(customerId), 'app');
        if (!name.ok) throw new Error(name.reasons.join(' '));
        const database = {
          id: newId(),
          name: name.value,
          user: name.value,
          passwordHash: nativePasswordHash('end to end password'),
          state: 'live' as const,
        };
        expect(await drivers.databases?.apply([database])).toEqual([{ id: database.id, ok: true }]);
        expect(await drivers.databases?.apply([{ ...database, state: 'absent' }])).toEqual([
          { id: database.id, ok: true },
        ]);
        expect(drivers.nginx?.reloads).toBe(1);
        await drivers.websites?.removeHome(customerId);
        expect(await drivers.websites?.inventory()).not.toContainEqual({ kind: 'home', name: customerId });
      } finally {
        await drivers.stop();
      }
      await expect(get(port, 'end-to-end.example.test')).rejects.toThrow(/ECONNREFUSED/);
    },
  );
});
