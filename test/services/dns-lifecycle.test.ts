import { Resolver } from 'node:dns/promises';
import { describe, expect, it } from 'vitest';
import { dnsZoneKind } from '../../server/src/dns-zones/dns-zone-kind.js';
import { findPowerDnsBinaries } from '../../server/src/provisioning/drivers/powerdns/pdns-binary.js';
import { checkInventory } from '../../server/src/provisioning/inventory.js';
import { testApp } from '../helpers/app.js';
import { purgeThroughApi, startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, mustSkip, sharedTempDir } from './helpers.js';

const havePowerDns = (await findPowerDnsBinaries()) !== undefined;

describe.skipIf(mustSkip('PowerDNS', havePowerDns))('a customer’s DNS zones on a real PowerDNS', async () => {
  const dataDir = await sharedTempDir('dns-lifecycle');
  const keel = await testApp();
  const dnsPort = await freePort();
  const services = await startReconciler(keel, { dataDir, dnsPort, nameservers: ['ns1.keel.test'] });
  const admin = await keel.admin();
  const customer = await makeCustomerOf(keel, null);
  const base = `/customers/${customer.id}`;
  const settle = () => services.reconciler.settle();

  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${dnsPort}`]);
  /** The A records of `name`, or the error code (EREFUSED for a zone not served). */
  const addresses = (name: string) =>
    resolver.resolve4(name).catch((error: NodeJS.ErrnoException) => error.code);
  const served = async (expected: string[]) =>
    eventually(async () => expect(await addresses('www.lifecycle.test')).toEqual(expected));
  const withdrawn = async () =>
    eventually(async () => expect(await addresses('www.lifecycle.test')).toBe('EREFUSED'));
  const zoneFindings = async () =>
    (await checkInventory(keel.handle.db, services.drivers.kinds)).filter(
      (finding) => finding.kind === 'dns-zone',
    );

  const zone = (
    await admin.post(`${base}/dns-zones`, {
      domain: 'lifecycle.test',
      records: [
        { name: 'www', type: 'A', value: '192.0.2.10' },
        { name: '@', type: 'MX', value: '10 mail.lifecycle.test' },
        { name: '@', type: 'TXT', value: 'v=spf1 mx -all' },
      ],
    })
  ).json();
  const url = `${base}/dns-zones/${zone.id}`;

  it("serves a new zone with its records, Keel's name servers and its serial", async () => {
    await settle();
    await served(['192.0.2.10']);
    expect(await resolver.resolveMx('lifecycle.test')).toMatchObject([
      { exchange: 'mail.lifecycle.test', priority: 10 },
    ]);
    expect(await resolver.resolveTxt('lifecycle.test')).toEqual([['v=spf1 mx -all']]);
    expect(await resolver.resolveNs('lifecycle.test')).toEqual(['ns1.keel.test']);
    expect((await resolver.resolveSoa('lifecycle.test')).serial).toBe(zone.serial);
    expect((await admin.get(url)).json().provisioning).toEqual({
      state: 'ready',
      error: null,
      updatedAt: expect.any(String),
    });
  });

  it('serves changed records under a higher serial', async () => {
    const changed = await admin.patch(url, {
      records: [
        { name: 'www', type: 'A', value: '192.0.2.20' },
        { name: 'www', type: 'A', value: '192.0.2.21' },
        { name: '@', type: 'MX', value: '10 mail.lifecycle.test' },
      ],
    });
    expect(changed.statusCode).toBe(200);
    await settle();
    await eventually(async () =>
      expect(((await addresses('www.lifecycle.test')) as string[]).sort()).toEqual([
        '192.0.2.20',
        '192.0.2.21',
      ]),
    );
    expect((await resolver.resolveSoa('lifecycle.test')).serial).toBe(changed.json().serial);
    expect(await resolver.resolveTxt('lifecycle.test').catch((error) => error.code)).toBe('ENODATA');
  });

  it('keeps the zone served while the customer is suspended, and withdraws it when turned off', async () => {
    expect((await admin.post(`${base}/suspend`, { reason: 'unpaid invoice' })).statusCode).toBe(200);
    await settle();
    expect(await resolver.resolveMx('lifecycle.test')).toMatchObject([
      { exchange: 'mail.lifecycle.test', priority: 10 },
    ]);
    expect((await admin.get(url)).json().provisioning.state).toBe('ready');
    expect((await admin.patch(url, { enabled: false })).statusCode).toBe(200);
    await settle();
    await withdrawn();
    expect((await admin.post(`${base}/reactivate`)).statusCode).toBe(200);
    await settle();
    expect(await addresses('www.lifecycle.test')).toBe('EREFUSED');
    expect((await admin.patch(url, { enabled: true })).statusCode).toBe(200);
    await settle();
    await eventually(async () =>
      expect(((await addresses('www.lifecycle.test')) as string[]).length).toBe(2),
    );
  });

  it('withdraws the zone at soft delete, serves it again at restore, and the inventory agrees', async () => {
    expect(await zoneFindings()).toEqual([]);
    expect((await admin.delete(base)).statusCode).toBe(200);
    await settle();
    await withdrawn();
    expect(await zoneFindings()).toEqual([]);
    expect((await admin.post(`${base}/restore`)).statusCode).toBe(200);
    await settle();
    await eventually(async () =>
      expect(((await addresses('www.lifecycle.test')) as string[]).length).toBe(2),
    );
  });

  it('removes the zone from the name server before the purged customer goes', async () => {
    await purgeThroughApi(keel, services, customer.id);
    await withdrawn();
    expect(await services.drivers.driverOf(dnsZoneKind)?.inventory()).not.toContainEqual({
      kind: 'dns-zone',
      name: zone.id,
    });
    expect(await zoneFindings()).toEqual([]);
  });
});
