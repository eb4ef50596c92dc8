import { Resolver } from 'node:dns/promises';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseKind } from '../../server/src/databases/database-kind.js';
import { dnsZoneKind } from '../../server/src/dns-zones/dns-zone-kind.js';
import { customerPrefix, databaseName } from '../../server/src/hosting/names.js';
import { nativePasswordHash } from '../../server/src/provisioning/drivers/mariadb/password-hash.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { findPowerDnsBinaries } from '../../server/src/provisioning/drivers/powerdns/pdns-binary.js';
import { startServices } from '../../server/src/provisioning/services.js';
import { hostingKinds } from '../../server/src/resource-kinds.js';
import { websiteKind } from '../../server/src/websites/website-kind.js';
import { eventually, freePort, get, mustSkip, newId, sharedTempDir } from './helpers.js';

const binary = await findNginxBinary();
const powerDns = await findPowerDnsBinaries();
const mariadbUrl = process.env.KEEL_MARIADB_URL ?? 'mysql://root@localhost/?socket=/run/mysqld/mysqld.sock';

describe('the services of every resource kind, from settings', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('names the missing setting when a service is not configured', async () => {
    const dir = await sharedTempDir('unconfigured');
    dirs.push(dir);
    const drivers = await startServices(hostingKinds, {
      dataDir: dir,
      homesDir: path.join(dir, 'homes'),
      webPort: null,
      nginxBin: null,
      mariadbUrl: null,
      dnsPort: null,
      pdnsBin: null,
      nameservers: [],
    });
    expect(drivers.kinds.map(({ kind, driver, unavailable }) => [kind.noun, driver, unavailable])).toEqual([
      ['website', null, 'websites are not provisioned: KEEL_WEB_PORT is not set'],
      ['database', null, 'databases are not provisioned: KEEL_MARIADB_URL is not set'],
      ['dns_zone', null, 'DNS zones are not served: KEEL_DNS_PORT is not set'],
      ['mailbox', null, 'Mail is not served: KEEL_SMTP_PORT is not set'],
      ['mail_alias', null, 'Mail is not served: KEEL_SMTP_PORT is not set'],
      [
        'ftp_account',
        null,
        'FTP accounts are not served: KEEL_FTP_PORT and KEEL_FTP_PASSIVE_PORTS are not set',
      ],
      // Cron jobs need no setting: Keel runs them itself, when it may run them as their customer.
      process.getuid?.() === 0
        ? ['cron_job', expect.anything(), null]
        : [
            'cron_job',
            null,
            "Cron jobs do not run: Keel is not running as root, so it cannot run them as each customer's own user",
          ],
    ]);
    await drivers.stop();
  });

  it('says what is missing when DNS has a port but no name server or no PowerDNS', async () => {
    const dir = await sharedTempDir('dns-unavailable');
    dirs.push(dir);
    const settings = {
      dataDir: dir,
      homesDir: path.join(dir, 'homes'),
      webPort: null,
      nginxBin: null,
      mariadbUrl: null,
      dnsPort: await freePort(),
      pdnsBin: null,
      nameservers: [],
    };
    const withoutNameServers = await startServices(hostingKinds, settings);
    const unavailable = (services: Awaited<ReturnType<typeof startServices>>) =>
      services.kinds.find((entry) => entry.kind === dnsZoneKind)?.unavailable;
    expect(unavailable(withoutNameServers)).toMatch(/KEEL_DNS_NAMESERVERS/);
    const withoutPowerDns = await startServices(hostingKinds, {
      ...settings,
      pdnsBin: path.join(dir, 'no-such-pdns_server'),
      nameservers: ['ns1.keel.test'],
    });
    expect(withoutPowerDns.driverOf(dnsZoneKind)).toBeNull();
    expect(unavailable(withoutPowerDns)).toMatch(
      /apt-get install pdns-server pdns-backend-bind.*KEEL_PDNS_BIN/,
    );
  });

  it.skipIf(mustSkip('nginx', binary !== undefined) || mustSkip('PowerDNS', powerDns !== undefined))(
    'stops the services it started when a later one cannot start',
    async () => {
      const dir = await sharedTempDir('half-started');
      dirs.push(dir);
      const webPort = await freePort();
      await expect(
        startServices(hostingKinds, {
          dataDir: dir,
          homesDir: path.join(dir, 'homes'),
          webPort,
          nginxBin: null,
          mariadbUrl: null,
          dnsPort: await freePort(),
          pdnsBin: null,
          nameservers: ['not a host name'],
        }),
      ).rejects.toThrow(/name server/);
      await expect(get(webPort, 'any.example.test')).rejects.toThrow(/ECONNREFUSED/);
    },
  );

  it.skipIf(mustSkip('PowerDNS', powerDns !== undefined))('serves DNS zones and stops PowerDNS', async () => {
    const dir = await sharedTempDir('dns');
    dirs.push(dir);
    const port = await freePort();
    const drivers = await startServices(hostingKinds, {
      dataDir: dir,
      homesDir: path.join(dir, 'homes'),
      webPort: null,
      nginxBin: null,
      mariadbUrl: null,
      dnsPort: port,
      pdnsBin: null,
      nameservers: ['ns1.keel.test'],
    });
    const resolver = new Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers([`127.0.0.1:${port}`]);
    const id = newId();
    try {
      const zone = { id, domain: 'end-to-end.example.test', serial: 7, records: [], state: 'live' as const };
      expect(await drivers.driverOf(dnsZoneKind)?.apply([zone])).toEqual([{ id, ok: true }]);
      expect((await resolver.resolveSoa(zone.domain)).serial).toBe(7);
      expect(await drivers.driverOf(dnsZoneKind)?.inventory()).toEqual([{ kind: 'dns-zone', name: id }]);
    } finally {
      await drivers.stop();
    }
    expect(drivers.driverOf(dnsZoneKind)?.pdns.pid).toBeUndefined();
    await expect(resolver.resolveSoa('end-to-end.example.test')).rejects.toMatchObject({
      code: expect.stringMatching(/^(ECONNREFUSED|ETIMEOUT)$/),
    });
  });

  it.skipIf(mustSkip('nginx', binary !== undefined))(
    'runs both services end to end and stops them',
    async () => {
      const dir = await sharedTempDir('services');
      dirs.push(dir);
      const port = await freePort();
      const drivers = await startServices(hostingKinds, {
        dataDir: dir,
        homesDir: path.join(dir, 'homes'),
        webPort: port,
        nginxBin: null,
        mariadbUrl,
        dnsPort: null,
        pdnsBin: null,
        nameservers: [],
      });
      try {
        const customerId = newId();
        const website = {
          id: newId(),
          customerId,
          domain: 'end-to-end.example.test',
          state: 'live' as const,
        };
        expect(await drivers.driverOf(websiteKind)?.apply([website])).toEqual([{ id: website.id, ok: true }]);
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
        expect(await drivers.driverOf(databaseKind)?.apply([database])).toEqual([
          { id: database.id, ok: true },
        ]);
        expect(await drivers.driverOf(databaseKind)?.apply([{ ...database, state: 'absent' }])).toEqual([
          { id: database.id, ok: true },
        ]);
        expect(drivers.driverOf(websiteKind)?.nginx.reloads).toBe(1);
        await drivers.driverOf(websiteKind)?.removeHome(customerId);
        expect(await drivers.driverOf(websiteKind)?.inventory()).not.toContainEqual({
          kind: 'home',
          name: customerId,
        });
      } finally {
        await drivers.stop();
      }
      await expect(get(port, 'end-to-end.example.test')).rejects.toThrow(/ECONNREFUSED/);
    },
  );
});
