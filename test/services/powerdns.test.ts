import { spawn } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoneFile } from '../../server/src/provisioning/drivers/powerdns/layout.js';
import { findPowerDnsBinaries } from '../../server/src/provisioning/drivers/powerdns/pdns-binary.js';
import { PowerDnsSupervisor } from '../../server/src/provisioning/drivers/powerdns/supervisor.js';
import type {
  DnsRecord,
  DnsZoneDesired,
} from '../../server/src/provisioning/drivers/powerdns/zone-desired.js';
import { PowerDnsZoneDriver } from '../../server/src/provisioning/drivers/powerdns/zone-driver.js';
import { processesInGroup } from '../../server/src/provisioning/drivers/process/process-group.js';
import { eventually, freePort, mustSkip, newId, sharedTempDir } from './helpers.js';

const binaries = await findPowerDnsBinaries();
const nameservers = ['ns1.keel.test', 'ns2.keel.test'];
// More than 255 bytes, with quotes, a backslash and a semicolon: several strings, all escaped.
const longText = `v=DKIM1; k=rsa; n="quoted \\ note"; p=${'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A'.repeat(10)}`;

describe.skipIf(mustSkip('PowerDNS', binaries !== undefined))('PowerDNS zone driver (real PowerDNS)', () => {
  let dir: string;
  let port: number;
  let pdns: PowerDnsSupervisor;
  let zones: PowerDnsZoneDriver;

  function supervisor(onPort: number): PowerDnsSupervisor {
    if (binaries === undefined) throw new Error('PowerDNS is not installed');
    return new PowerDnsSupervisor({ binaries, stateDir: path.join(dir, 'powerdns'), port: onPort });
  }

  function zone(records: DnsRecord[], serial = 1, id = newId()): DnsZoneDesired {
    return { id, domain: `zone-${id.slice(0, 8)}.example.test`, serial, records, state: 'live' };
  }

  function resolver(): Resolver {
    const dns = new Resolver({ timeout: 1000, tries: 1 });
    dns.setServers([`127.0.0.1:${port}`]);
    return dns;
  }

  async function expectSerial(served: DnsZoneDesired): Promise<void> {
    await eventually(async () =>
      expect((await resolver().resolveSoa(served.domain)).serial).toBe(served.serial),
    );
  }

  async function expectRefused(domain: string): Promise<void> {
    await eventually(async () => {
      await expect(resolver().resolveSoa(domain)).rejects.toMatchObject({ code: 'EREFUSED' });
    });
  }

  beforeAll(async () => {
    dir = await sharedTempDir('powerdns');
    port = await freePort();
    pdns = supervisor(port);
    await pdns.start();
    zones = new PowerDnsZoneDriver(pdns, nameservers);
  });

  afterAll(async () => {
    await pdns?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves every record type of a live zone, with its SOA serial and name servers', async () => {
    const served = zone(
      [
        { name: '@', type: 'A', ttl: 300, value: '192.0.2.10' },
        { name: 'www', type: 'AAAA', ttl: 300, value: '2001:db8::10' },
        { name: '@', type: 'MX', ttl: 300, value: '10 mail.example.test' },
        { name: '@', type: 'TXT', ttl: 300, value: longText },
        { name: 'shop', type: 'CNAME', ttl: 300, value: 'shops.example.net' },
        { name: '_sip._tcp', type: 'SRV', ttl: 300, value: '10 60 5060 sip.example.test' },
        { name: '@', type: 'CAA', ttl: 300, value: '0 issue letsencrypt.org; validationmethods=dns-01' },
        { name: 'dev', type: 'NS', ttl: 300, value: 'ns.dev-host.example' },
        { name: '*.apps', type: 'A', ttl: 300, value: '192.0.2.11' },
      ],
      2026120101,
    );
    expect(await zones.apply([served])).toEqual([{ id: served.id, ok: true }]);
    await expectSerial(served);
    const dns = resolver();
    const { domain } = served;
    expect(await dns.resolve4(domain)).toEqual(['192.0.2.10']);
    expect(await dns.resolve6(`www.${domain}`)).toEqual(['2001:db8::10']);
    expect(await dns.resolveMx(domain)).toMatchObject([{ exchange: 'mail.example.test', priority: 10 }]);
    const txt = await dns.resolveTxt(domain);
    expect(txt).toHaveLength(1);
    expect(txt[0]?.length).toBeGreaterThan(1);
    expect(txt[0]?.join('')).toBe(longText);
    expect(await dns.resolveCname(`shop.${domain}`)).toEqual(['shops.example.net']);
    expect(await dns.resolveSrv(`_sip._tcp.${domain}`)).toMatchObject([
      { name: 'sip.example.test', port: 5060, priority: 10, weight: 60 },
    ]);
    expect(await dns.resolveCaa(domain)).toMatchObject([
      { critical: 0, issue: 'letsencrypt.org; validationmethods=dns-01' },
    ]);
    expect((await dns.resolveNs(domain)).sort()).toEqual(nameservers);
    expect(await dns.resolve4(`any.apps.${domain}`)).toEqual(['192.0.2.11']);
    const soa = await dns.resolveSoa(domain);
    expect(soa).toMatchObject({ nsname: 'ns1.keel.test', hostmaster: `hostmaster.${domain}` });
    expect(await zones.inventory()).toContainEqual({ kind: 'dns-zone', name: served.id });
  });

  it('serves changed records and serial after apply, and re-applying the same zone changes nothing', async () => {
    const first = zone([{ name: 'www', type: 'A', ttl: 60, value: '192.0.2.20' }], 1);
    await zones.apply([first]);
    expect(await resolver().resolve4(`www.${first.domain}`)).toEqual(['192.0.2.20']);
    const second: DnsZoneDesired = {
      ...first,
      serial: 2,
      records: [
        { name: 'www', type: 'A', ttl: 60, value: '192.0.2.21' },
        { name: 'new', type: 'TXT', ttl: 60, value: 'added' },
      ],
    };
    expect(await zones.apply([second])).toEqual([{ id: first.id, ok: true }]);
    await expectSerial(second);
    expect(await resolver().resolve4(`www.${first.domain}`)).toEqual(['192.0.2.21']);
    expect(await resolver().resolveTxt(`new.${first.domain}`)).toEqual([['added']]);

    const file = zoneFile(pdns.layout, first.id);
    const before = [(await stat(file)).mtimeMs, (await stat(pdns.layout.namedConf)).mtimeMs];
    expect(await zones.apply([second])).toEqual([{ id: first.id, ok: true }]);
    expect([(await stat(file)).mtimeMs, (await stat(pdns.layout.namedConf)).mtimeMs]).toEqual(before);
  });

  it('withdraws a suspended zone (REFUSED) and serves it again when live', async () => {
    const served = zone([{ name: 'www', type: 'A', ttl: 60, value: '192.0.2.30' }]);
    await zones.apply([served]);
    await expectSerial(served);
    expect(await zones.apply([{ ...served, state: 'suspended' }])).toEqual([{ id: served.id, ok: true }]);
    await expectRefused(served.domain);
    await expect(resolver().resolve4(`www.${served.domain}`)).rejects.toMatchObject({ code: 'EREFUSED' });
    expect(await zones.inventory()).not.toContainEqual({ kind: 'dns-zone', name: served.id });
    expect(await zones.apply([served])).toEqual([{ id: served.id, ok: true }]);
    await expectSerial(served);
    expect(await resolver().resolve4(`www.${served.domain}`)).toEqual(['192.0.2.30']);
  });

  it('removes an absent zone: REFUSED, its file gone, out of inventory; removing again succeeds', async () => {
    const served = zone([{ name: 'www', type: 'A', ttl: 60, value: '192.0.2.40' }]);
    await zones.apply([served]);
    await expectSerial(served);
    const absent = { ...served, state: 'absent' as const };
    expect(await zones.apply([absent])).toEqual([{ id: served.id, ok: true }]);
    await expectRefused(served.domain);
    await expect(stat(zoneFile(pdns.layout, served.id))).rejects.toThrow(/ENOENT/);
    expect(await readFile(pdns.layout.namedConf, 'utf8')).not.toContain(served.domain);
    expect(await zones.inventory()).not.toContainEqual({ kind: 'dns-zone', name: served.id });
    const never = { ...zone([]), state: 'absent' as const };
    expect(await zones.apply([absent, never])).toEqual([
      { id: served.id, ok: true },
      { id: never.id, ok: true },
    ]);
  });

  it('fails only the zones PowerDNS rejects and applies every other zone of the batch', async () => {
    const existing = zone([{ name: 'www', type: 'A', ttl: 60, value: '192.0.2.50' }], 5);
    const toSuspend = zone([{ name: 'www', type: 'A', ttl: 60, value: '192.0.2.51' }]);
    await zones.apply([existing, toSuspend]);
    await expectSerial(existing);
    await expectSerial(toSuspend);
    // Host names are left to PowerDNS to judge; two dots in a row is what it refuses to load.
    const broken: DnsRecord = { name: 'www', type: 'CNAME', ttl: 60, value: 'bad..example.test' };
    const good = zone([{ name: 'www', type: 'A', ttl: 60, value: '192.0.2.52' }]);
    const brokenNew = zone([broken]);
    const brokenChange = { ...existing, serial: 6, records: [broken] };

    const results = await zones.apply([good, brokenNew, brokenChange, { ...toSuspend, state: 'suspended' }]);

    expect(results[0]).toEqual({ id: good.id, ok: true });
    for (const [index, id] of [
      [1, brokenNew.id],
      [2, existing.id],
    ] as const) {
      expect(results[index]).toMatchObject({
        id,
        ok: false,
        error: expect.stringMatching(/^PowerDNS rejected the zone: .*bad\.\.example\.test/),
      });
    }
    expect(results[3]).toEqual({ id: toSuspend.id, ok: true });
    await expectSerial(good);
    await expectRefused(toSuspend.domain);
    await expectRefused(brokenNew.domain);
    // The zone that was served before keeps its previous version.
    await expectSerial(existing);
    expect(await resolver().resolve4(`www.${existing.domain}`)).toEqual(['192.0.2.50']);
    const listed = await readFile(pdns.layout.namedConf, 'utf8');
    expect(listed).not.toContain(brokenNew.domain);
    await expect(stat(zoneFile(pdns.layout, brokenNew.id))).rejects.toThrow(/ENOENT/);
    expect(await readFile(zoneFile(pdns.layout, existing.id), 'utf8')).not.toContain('bad..');

    const fixed = { ...brokenNew, records: [{ ...broken, value: 'good.example.test' }] };
    expect(await zones.apply([fixed])).toEqual([{ id: fixed.id, ok: true }]);
    expect(await resolver().resolveCname(`www.${fixed.domain}`)).toEqual(['good.example.test']);
  });

  it('refuses a second zone for a domain another zone serves', async () => {
    const served = zone([]);
    await zones.apply([served]);
    const twin = { ...zone([]), domain: served.domain };
    const [result] = await zones.apply([twin]);
    expect(result).toMatchObject({ id: twin.id, ok: false, error: expect.stringMatching(/already served/) });
    expect(await zones.inventory()).not.toContainEqual({ kind: 'dns-zone', name: twin.id });
  });

  it('starts PowerDNS again after it is killed, and it serves every zone', async () => {
    const served = zone([{ name: 'www', type: 'A', ttl: 60, value: '192.0.2.60' }]);
    await zones.apply([served]);
    await expectSerial(served);
    const first = pdns.pid as number;
    const restartsBefore = pdns.restarts;
    process.kill(first, 'SIGKILL');
    await eventually(async () => {
      expect(pdns.pid).toBeDefined();
      expect(pdns.pid).not.toBe(first);
      expect(await resolver().resolve4(`www.${served.domain}`)).toEqual(['192.0.2.60']);
    }, 10_000);
    expect(pdns.restarts).toBe(restartsBefore + 1);
    expect(await zones.reachable()).toBe(true);
    expect(await processesInGroup(first, 'pdns_server')).toEqual([]);
    const after = zone([{ name: 'www', type: 'A', ttl: 60, value: '192.0.2.61' }]);
    expect(await zones.apply([after])).toEqual([{ id: after.id, ok: true }]);
    await expectSerial(after);
  }, 15_000);

  it('leaves no PowerDNS process behind when stopped, and applies nothing while it is down', async () => {
    const pid = pdns.pid as number;
    await pdns.stop();
    expect(await processesInGroup(pid, 'pdns_server')).toEqual([]);
    await expect(resolver().resolveSoa('any.example.test')).rejects.toMatchObject({
      code: expect.stringMatching(/^(ECONNREFUSED|ETIMEOUT)$/),
    });
    const listedBefore = await readFile(pdns.layout.namedConf, 'utf8');
    const unserved = zone([]);
    const [result] = await zones.apply([unserved]);
    expect(result).toMatchObject({
      id: unserved.id,
      ok: false,
      error: expect.stringMatching(/pdns_control/),
    });
    expect(await readFile(pdns.layout.namedConf, 'utf8')).toBe(listedBefore);
    await expect(stat(zoneFile(pdns.layout, unserved.id))).rejects.toThrow(/ENOENT/);
    expect(await zones.reachable()).toBe(false);
  });

  it('ends a PowerDNS left running by a Keel that was killed, then serves every zone on a new port', async () => {
    const served = zone([{ name: 'www', type: 'A', ttl: 60, value: '192.0.2.70' }]);
    await pdns.start();
    await zones.apply([served]);
    await expectSerial(served);
    await pdns.stop();
    // What a SIGKILLed Keel leaves behind: its PowerDNS, still running.
    const leftover = spawn(binaries?.server as string, [`--config-dir=${pdns.layout.configDir}`], {
      detached: true,
      stdio: 'ignore',
    });
    leftover.unref();
    await expectSerial(served);
    const newPort = await freePort();
    pdns = supervisor(newPort);
    zones = new PowerDnsZoneDriver(pdns, nameservers);
    await pdns.start();
    expect(await processesInGroup(leftover.pid as number, 'pdns_server')).toEqual([]);
    await expect(resolver().resolveSoa(served.domain)).rejects.toMatchObject({
      code: expect.stringMatching(/^(ECONNREFUSED|ETIMEOUT)$/),
    });
    port = newPort;
    await expectSerial(served);
    expect(await zones.inventory()).toContainEqual({ kind: 'dns-zone', name: served.id });
  });
});
