import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { dnsZones } from '../../server/src/dns-zones/dns-zones.table.js';
import { testApp } from '../helpers/app.js';
import { makePackage } from '../helpers/package-factory.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe('DNS zones of a customer, through the API', async () => {
  const keel = await testApp();
  const services = await startReconciler(keel, {
    dataDir: await mkdtemp(path.join(tmpdir(), 'keel-dns-api-')),
  });
  const admin = await keel.admin();

  const storedZones = (customerId: string) =>
    keel.handle.db.select().from(dnsZones).where(eq(dnsZones.customerId, customerId));
  const zoneCount = async (customerId: string) => {
    const [row] = await keel.handle.db
      .select({ count: customers.dnsZoneCount })
      .from(customers)
      .where(eq(customers.id, customerId));
    return row?.count;
  };

  it('creates a zone with normalized records, a serial, and the count in step', async () => {
    const customer = await makeCustomerOf(keel, null);
    const seconds = () => Math.floor(keel.clock.now().getTime() / 1000);
    const before = seconds();
    const created = await admin.post(`/customers/${customer.id}/dns-zones`, {
      domain: ' Bücher.Example ',
      records: [
        { name: 'WWW', type: 'A', value: ' 192.0.2.10 ' },
        { name: 'www.xn--bcher-kva.example.', type: 'AAAA', ttl: 300, value: '2001:DB8::10' },
        { name: '@', type: 'MX', value: '10   Mail.Example.NET.' },
        { name: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=none' },
        { name: 'shop', type: 'CNAME', value: 'shops.example.net' },
        { name: '_sip._tcp', type: 'SRV', value: '10 5 5060 sip.example.net' },
        { name: '@', type: 'CAA', value: '0 issue "letsencrypt.org"' },
        { name: 'dev', type: 'NS', value: 'ns1.other.example' },
        { name: '*.preview', type: 'A', value: '192.0.2.11' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const zone = created.json();
    expect(zone).toMatchObject({
      domain: 'xn--bcher-kva.example',
      enabled: true,
      provisioning: { state: 'pending' },
      // What the customer's registrar must delegate to: the provider's name servers.
      nameServers: ['ns1.keel.test', 'ns2.keel.test'],
    });
    expect(zone.serial).toBeGreaterThanOrEqual(before);
    expect(zone.serial).toBeLessThanOrEqual(seconds());
    expect(zone.records).toEqual([
      { name: 'www', type: 'A', ttl: 3600, value: '192.0.2.10' },
      { name: 'www', type: 'AAAA', ttl: 300, value: '2001:db8::10' },
      { name: '@', type: 'MX', ttl: 3600, value: '10 mail.example.net' },
      { name: '_dmarc', type: 'TXT', ttl: 3600, value: 'v=DMARC1; p=none' },
      { name: 'shop', type: 'CNAME', ttl: 3600, value: 'shops.example.net' },
      { name: '_sip._tcp', type: 'SRV', ttl: 3600, value: '10 5 5060 sip.example.net' },
      { name: '@', type: 'CAA', ttl: 3600, value: '0 issue letsencrypt.org' },
      { name: 'dev', type: 'NS', ttl: 3600, value: 'ns1.other.example' },
      { name: '*.preview', type: 'A', ttl: 3600, value: '192.0.2.11' },
    ]);
    expect(await zoneCount(customer.id)).toBe(1);
    const listed = (await admin.get(`/customers/${customer.id}/dns-zones`)).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: zone.id, records: zone.records }] });
    expect((await admin.get(`/customers/${customer.id}/dns-zones/${zone.id}`)).json()).toMatchObject({
      id: zone.id,
      records: zone.records,
      serial: zone.serial,
    });
  });

  it('leaves a zone pending with the missing setting named when no name server is configured', async () => {
    const customer = await makeCustomerOf(keel, null);
    const zone = (
      await admin.post(`/customers/${customer.id}/dns-zones`, { domain: 'pending.example' })
    ).json();
    await services.reconciler.settle();
    const read = (await admin.get(`/customers/${customer.id}/dns-zones/${zone.id}`)).json();
    expect(read.provisioning.state).toBe('pending');
    expect(read.provisioning.error).toMatch(/KEEL_DNS_PORT/);
  });

  it.each([
    [{ name: 'www', type: 'A', value: '300.1.1.1' }, 'records[0].value', /IPv4/],
    [{ name: 'www', type: 'AAAA', value: '192.0.2.1' }, 'records[0].value', /IPv6/],
    [{ name: 'mail', type: 'MX', value: 'mail.example.net' }, 'records[0].value', /preference/],
    [{ name: 'mail', type: 'MX', value: '70000 mail.example.net' }, 'records[0].value', /0 to 65535/],
    [{ name: 'alias', type: 'CNAME', value: '192.0.2.1' }, 'records[0].value', /not an IP/],
    [{ name: 'alias', type: 'CNAME', value: 'localhost' }, 'records[0].value', /full host name/],
    [{ name: 'a..b', type: 'A', value: '192.0.2.1' }, 'records[0].name', /empty label/],
    [
      { name: 'www.elsewhere.example.', type: 'A', value: '192.0.2.1' },
      'records[0].name',
      /outside the zone/,
    ],
    [{ name: 'a.*', type: 'A', value: '192.0.2.1' }, 'records[0].name', /wildcard/],
    [{ name: 'b@d', type: 'A', value: '192.0.2.1' }, 'records[0].name', /only letters/],
    [{ name: 'note', type: 'TXT', value: 'line one\nline two' }, 'records[0].value', /control characters/],
    [{ name: 'note', type: 'TXT', value: '' }, 'records[0].value', /empty/],
    [{ name: '@', type: 'CAA', value: 'issue letsencrypt.org' }, 'records[0].value', /flags/],
    [{ name: '@', type: 'CNAME', value: 'other.example.net' }, 'records[0].type', /apex cannot be a CNAME/],
    [{ name: '@', type: 'NS', value: 'ns1.example.net' }, 'records[0].name', /provider's/],
  ])('refuses the record %j with 422 naming %s, and stores nothing', async (record, field, reason) => {
    const customer = await makeCustomerOf(keel, null);
    const response = await admin.post(`/customers/${customer.id}/dns-zones`, {
      domain: 'refused.example',
      records: [record],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: expect.stringMatching(/invalid-dns-records$/),
      errors: [{ field, message: expect.stringMatching(reason) }],
    });
    expect(await storedZones(customer.id)).toEqual([]);
    expect(await zoneCount(customer.id)).toBe(0);
  });

  it('refuses records that contradict each other, naming each', async () => {
    const customer = await makeCustomerOf(keel, null);
    const response = await admin.post(`/customers/${customer.id}/dns-zones`, {
      domain: 'contradiction.example',
      records: [
        { name: 'www', type: 'CNAME', value: 'a.example.net' },
        { name: 'www', type: 'A', value: '192.0.2.1' },
        { name: 'api', type: 'A', value: '192.0.2.2', ttl: 300 },
        { name: 'api', type: 'A', value: '192.0.2.3', ttl: 600 },
        { name: 'api', type: 'A', value: '192.0.2.2', ttl: 300 },
      ],
    });
    expect(response.statusCode).toBe(422);
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['records', 'records[3].ttl', 'records[4]']));
    expect(await storedZones(customer.id)).toEqual([]);
  });

  it.each([
    [{ domain: 'x.example', records: [{ name: 'www', type: 'SOA', value: 'x' }] }],
    [{ domain: 'x.example', records: [{ name: 'www', type: 'A', value: '192.0.2.1', ttl: 5 }] }],
    [{ domain: 'x.example', records: [{ name: 'www', type: 'A', value: '192.0.2.1', weight: 1 }] }],
    [{ domain: 'x.example', records: 'www A 192.0.2.1' }],
    [{ domain: 'x.example', owner: 'someone' }],
    [{}],
  ])('answers the malformed body %j with 400 and stores nothing', async (body) => {
    const customer = await makeCustomerOf(keel, null);
    const response = await admin.post(`/customers/${customer.id}/dns-zones`, body);
    expect(response.statusCode).toBe(400);
    expect(await storedZones(customer.id)).toEqual([]);
  });

  it('refuses an invalid domain with 422', async () => {
    const customer = await makeCustomerOf(keel, null);
    const response = await admin.post(`/customers/${customer.id}/dns-zones`, { domain: 'localhost' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0]).toMatchObject({
      field: 'domain',
      message: expect.stringMatching(/dot/),
    });
  });

  it("keeps a zone unique, and refuses one inside or above another customer's zone (409)", async () => {
    const owner = await makeCustomerOf(keel, null);
    const other = await makeCustomerOf(keel, null);
    expect(
      (await admin.post(`/customers/${owner.id}/dns-zones`, { domain: 'owned.example' })).statusCode,
    ).toBe(201);
    for (const domain of ['OWNED.example', 'shop.owned.example', 'a.b.owned.example']) {
      const taken = await admin.post(`/customers/${other.id}/dns-zones`, { domain });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().detail).toMatch(/owned\.example/);
    }
    expect(
      (await admin.post(`/customers/${other.id}/dns-zones`, { domain: 'x.deep.example' })).statusCode,
    ).toBe(201);
    const above = await admin.post(`/customers/${owner.id}/dns-zones`, { domain: 'deep.example' });
    expect(above.statusCode).toBe(409);
    expect(above.json().detail).toMatch(/x\.deep\.example/);
    expect(
      (await admin.post(`/customers/${owner.id}/dns-zones`, { domain: 'sub.owned.example' })).statusCode,
    ).toBe(201);
    expect(
      (await admin.post(`/customers/${owner.id}/dns-zones`, { domain: 'owned.example' })).statusCode,
    ).toBe(409);
    expect(await zoneCount(other.id)).toBe(1);
    expect(await zoneCount(owner.id)).toBe(2);
  });

  it("enforces the package's DNS zone limit with 422 naming the limit", async () => {
    const plan = await makePackage(keel, { limits: { dnsZones: 1 } });
    const customer = await makeCustomerOf(keel, null, { packageId: plan.id });
    expect(
      (await admin.post(`/customers/${customer.id}/dns-zones`, { domain: 'one.example' })).statusCode,
    ).toBe(201);
    const second = await admin.post(`/customers/${customer.id}/dns-zones`, { domain: 'two.example' });
    expect(second.statusCode).toBe(422);
    expect(second.json().errors).toEqual([
      { field: 'limits.dnsZones', message: 'package limit of 1 reached' },
    ]);
  });

  it('replaces the records with a higher serial, switches the zone, deletes it, all audited', async () => {
    const customer = await makeCustomerOf(keel, null);
    const zone = (
      await admin.post(`/customers/${customer.id}/dns-zones`, {
        domain: 'edit.example',
        records: [{ name: 'www', type: 'A', value: '192.0.2.1' }],
      })
    ).json();
    const url = `/customers/${customer.id}/dns-zones/${zone.id}`;
    const replaced = await admin.patch(url, { records: [{ name: 'www', type: 'A', value: '192.0.2.2' }] });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().records).toEqual([{ name: 'www', type: 'A', ttl: 3600, value: '192.0.2.2' }]);
    const serial = replaced.json().serial;
    expect(serial).toBeGreaterThan(zone.serial);

    const refused = await admin.patch(url, {
      enabled: false,
      records: [{ name: 'www', type: 'A', value: 'x' }],
    });
    expect(refused.statusCode).toBe(422);
    expect((await admin.get(url)).json()).toMatchObject({ enabled: true, serial });

    const unchanged = await admin.patch(url, { records: [{ name: 'www', type: 'A', value: '192.0.2.2' }] });
    expect(unchanged.json().serial).toBe(serial);
    expect((await admin.patch(url, { enabled: false })).json()).toMatchObject({ enabled: false });
    expect((await admin.delete(url)).statusCode).toBe(204);
    expect((await admin.get(url)).statusCode).toBe(404);
    expect(await zoneCount(customer.id)).toBe(0);

    const events = await keel.handle.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.customerId, customer.id))
      .orderBy(asc(auditEvents.id));
    const zoneEvents = events.filter((event) => event.action.startsWith('dns_zone.'));
    expect(zoneEvents.map((event) => event.action)).toEqual([
      'dns_zone.created',
      'dns_zone.updated',
      'dns_zone.updated',
      'dns_zone.deleted',
    ]);
    expect(zoneEvents[1]?.details).toMatchObject({
      domain: 'edit.example',
      records: {
        from: [{ name: 'www', type: 'A', ttl: 3600, value: '192.0.2.1' }],
        to: [{ name: 'www', type: 'A', ttl: 3600, value: '192.0.2.2' }],
      },
    });
    expect(zoneEvents[2]?.details).toMatchObject({ enabled: { from: true, to: false } });
  });

  it('answers an empty PATCH with 400', async () => {
    const customer = await makeCustomerOf(keel, null);
    const zone = (
      await admin.post(`/customers/${customer.id}/dns-zones`, { domain: 'empty.example' })
    ).json();
    expect((await admin.patch(`/customers/${customer.id}/dns-zones/${zone.id}`, {})).statusCode).toBe(400);
  });

  it('lets a customer and its reseller manage its zones, and hides other tenants with 404', async () => {
    const reseller = await makeReseller(keel);
    const mine = await makeCustomerOf(keel, reseller.id);
    const other = await makeCustomerOf(keel, null);
    const customer = await mine.login();
    const own = await customer.post(`/customers/${mine.id}/dns-zones`, { domain: 'own.example' });
    expect(own.statusCode).toBe(201);
    expect((await customer.get(`/customers/${other.id}/dns-zones`)).statusCode).toBe(404);
    expect(
      (await customer.post(`/customers/${other.id}/dns-zones`, { domain: 'x.example' })).statusCode,
    ).toBe(404);
    const resellerClient = await reseller.login();
    expect((await resellerClient.get(`/customers/${mine.id}/dns-zones`)).json().total).toBe(1);
    expect((await resellerClient.get(`/customers/${other.id}/dns-zones`)).statusCode).toBe(404);
    expect(
      (await resellerClient.delete(`/customers/${other.id}/dns-zones/${own.json().id}`)).statusCode,
    ).toBe(404);
  });

  it('refuses a new zone for a soft-deleted customer (409)', async () => {
    const customer = await makeCustomerOf(keel, null, { status: 'deleted' });
    const response = await admin.post(`/customers/${customer.id}/dns-zones`, { domain: 'late.example' });
    expect(response.statusCode).toBe(409);
    expect(await storedZones(customer.id)).toEqual([]);
  });
});
