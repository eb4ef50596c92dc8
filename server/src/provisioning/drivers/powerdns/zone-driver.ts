import type { ApplyResult, DriftCheck, DriftReport, InventoryItem } from '../types.js';
import { readZoneList } from './named-conf.js';
import { checkNameServers } from './render-zone.js';
import type { PowerDnsSupervisor } from './supervisor.js';
import { applyZoneBatch } from './zone-batch.js';
import type { DnsZoneDesired, DnsZoneDriver } from './zone-desired.js';
import { zoneDrift } from './zone-drift.js';

/**
 * Customers' DNS zones on Keel's PowerDNS. A live zone has its zone file and a line in
 * named.conf; a suspended or absent one has neither (Keel's database keeps a suspended zone's
 * records, so serving it again needs nothing from here).
 */
export class PowerDnsZoneDriver implements DnsZoneDriver {
  private queue: Promise<unknown> = Promise.resolve();

  /** `nameservers`: host names without the trailing dot; the first is the SOA's primary. */
  constructor(
    /** Keel's PowerDNS, for status. */
    readonly pdns: PowerDnsSupervisor,
    private readonly nameservers: readonly string[],
  ) {
    checkNameServers(nameservers);
  }

  /** Batches never overlap: each reads named.conf as the one before left it. */
  apply(batch: readonly DnsZoneDesired[]): Promise<ApplyResult[]> {
    const run = this.queue.then(() =>
      applyZoneBatch(
        {
          layout: this.pdns.layout,
          nameservers: this.nameservers,
          control: (args) => this.pdns.control(args),
        },
        batch,
      ),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Whether pdns_control gets an answer: while PowerDNS is down (its supervisor restarting it),
   * every batch fails, and the reconciler asks this to retry the zones as soon as it is back.
   */
  reachable(): Promise<boolean> {
    return this.pdns.control(['uptime']).then(
      () => true,
      () => false,
    );
  }

  /** Zones whose file or listing differs from what Keel writes; in the queue, so never mid-batch. */
  drift(check: DriftCheck<DnsZoneDesired>): Promise<DriftReport> {
    const run = this.queue.then(() => zoneDrift(this.pdns.layout, this.nameservers, check));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Every zone named.conf lists, i.e. that PowerDNS serves. */
  async inventory(): Promise<InventoryItem[]> {
    const zones = await readZoneList(this.pdns.layout);
    return [...zones.keys()].sort().map((name): InventoryItem => ({ kind: 'dns-zone', name }));
  }
}
