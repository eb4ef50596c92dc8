import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { BackgroundWorker } from '../background-worker.js';
import type { Signals } from '../context.js';
import type { Database } from '../db/database.js';
import { databases, dnsZones, websites } from '../db/schema/hosting.js';
import {
  type Claim,
  claimUnconverged,
  type Outcome,
  type ResourceTable,
  recordOutcomes,
  releaseAllClaims,
} from './claims.js';
import type {
  DatabaseDesired,
  DatabaseDriver,
  DnsZoneDesired,
  DnsZoneDriver,
  ResourceDriver,
  WebsiteDesired,
  WebsiteDriver,
} from './drivers/types.js';

/** The drivers that could start, and for each missing one the sentence naming the missing setting. */
export interface ReconcilerDrivers {
  websites: WebsiteDriver | null;
  websitesUnavailable: string | null;
  databases: DatabaseDriver | null;
  databasesUnavailable: string | null;
  dnsZones: DnsZoneDriver | null;
  dnsZonesUnavailable: string | null;
}

export interface ReconcilerOptions {
  db: Database;
  signals: Signals;
  drivers: ReconcilerDrivers;
  now?: () => Date;
  /** The periodic sweep, for retries and for changes made by other Keel processes. */
  sweepMs?: number;
  batchSize?: number;
  /** Subscribes to wake-ups from other processes (LISTEN on PostgreSQL); returns the unsubscribe. */
  listen?: (wake: () => void) => Promise<() => Promise<void>>;
  log?: { warn(message: string): void; error(object: unknown, message: string): void };
  /** True when no other process can share the database (PGlite): stale claims are released at start. */
  soleReconciler?: boolean;
}

/**
 * Converges the services to the panel: claims resources whose service differs from what the
 * rows say, applies them in batches through the drivers (one nginx reload per batch), and
 * records the outcome. Requests never talk to a service; they change rows and wake this.
 */
export class Reconciler implements BackgroundWorker {
  private readonly owner = `keel-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly now: () => Date;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private stopped = false;
  private readonly wake = () => this.requestPass();

  constructor(private readonly options: ReconcilerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async start(): Promise<void> {
    if (this.options.soleReconciler) await releaseAllClaims(this.options.db);
    this.options.signals.on('resourcesChanged', this.wake);
    this.unlisten = await this.options.listen?.(this.wake);
    this.timer = setInterval(this.wake, this.options.sweepMs ?? 10_000);
    this.timer.unref();
    this.requestPass();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.signals.off('resourcesChanged', this.wake);
    clearInterval(this.timer);
    await this.unlisten?.();
    await this.running;
  }

  /** Runs passes until nothing is left to converge; resolves when the services match. */
  async settle(): Promise<void> {
    this.requestPass();
    while (this.running) await this.running;
  }

  private requestPass(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while ((await this.pass()) > 0) {}
        } catch (error) {
          this.options.log?.error({ err: error }, 'reconcile pass failed');
        }
      } while (this.again && !this.stopped);
      this.running = null;
    })();
  }

  /** One batch of each kind; returns how many resources it handled. */
  private async pass(): Promise<number> {
    const { drivers } = this.options;
    const handled = await Promise.all([
      this.converge('websites', drivers.websites, drivers.websitesUnavailable, (claims) =>
        this.desiredWebsites(claims),
      ),
      this.converge('databases', drivers.databases, drivers.databasesUnavailable, (claims) =>
        this.desiredDatabases(claims),
      ),
      this.converge('dns_zones', drivers.dnsZones, drivers.dnsZonesUnavailable, (claims) =>
        this.desiredDnsZones(claims),
      ),
    ]);
    return handled.reduce((sum, count) => sum + count, 0);
  }

  private async converge<Desired>(
    table: ResourceTable,
    driver: ResourceDriver<Desired> | null,
    unavailable: string | null,
    desired: (claims: Claim[]) => Promise<Desired[]>,
  ) {
    const { db, signals } = this.options;
    const claims = await claimUnconverged(db, table, this.owner, this.now(), this.options.batchSize ?? 200);
    if (claims.length === 0) return 0;
    let outcomes: Outcome[];
    if (!driver) {
      outcomes = claims.map((claim) => ({
        claim,
        ok: false,
        error: unavailable ?? '',
        unconfigured: true,
      }));
    } else {
      const results = new Map(
        (await driver.apply(await desired(claims))).map((result) => [result.id, result]),
      );
      outcomes = claims.map((claim) => {
        const result = results.get(claim.id);
        const error = !result ? 'The driver gave no result.' : result.ok ? null : result.error;
        return { claim, ok: result?.ok === true, error, unconfigured: false };
      });
    }
    await recordOutcomes(db, table, this.owner, this.now(), outcomes);
    // A purge waits for its customer's resources to be gone; tell it when some went.
    const emptied = new Set(
      outcomes.filter((o) => o.ok && o.claim.state === 'absent').map((o) => o.claim.customerId),
    );
    for (const customerId of emptied) signals.emit('purgeRequested', customerId);
    return claims.length;
  }

  private async desiredWebsites(claims: Claim[]): Promise<WebsiteDesired[]> {
    const rows = await this.options.db
      .select({ id: websites.id, domain: websites.domain })
      .from(websites)
      .where(inArray(websites.id, idsOf(claims)));
    const domains = new Map(rows.map((row) => [row.id, row.domain]));
    return claims.map((claim) => ({
      id: claim.id,
      customerId: claim.customerId,
      domain: domains.get(claim.id) ?? '',
      state: claim.state,
    }));
  }

  private async desiredDatabases(claims: Claim[]): Promise<DatabaseDesired[]> {
    const rows = await this.options.db
      .select({
        id: databases.id,
        name: databases.name,
        user: databases.user,
        passwordHash: databases.passwordHash,
      })
      .from(databases)
      .where(inArray(databases.id, idsOf(claims)));
    return withClaimedState(claims, rows);
  }

  private async desiredDnsZones(claims: Claim[]): Promise<DnsZoneDesired[]> {
    const rows = await this.options.db
      .select({
        id: dnsZones.id,
        domain: dnsZones.domain,
        serial: dnsZones.serial,
        records: dnsZones.records,
      })
      .from(dnsZones)
      .where(inArray(dnsZones.id, idsOf(claims)));
    return withClaimedState(claims, rows);
  }
}

const idsOf = (claims: Claim[]) => claims.map((claim) => claim.id);

/** Each claimed row with the state the claim wants; a row deleted meanwhile has nothing to apply. */
function withClaimedState<Row extends { id: string }>(claims: Claim[], rows: Row[]) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return claims.flatMap((claim) => {
    const row = byId.get(claim.id);
    return row ? [{ ...row, state: claim.state }] : [];
  });
}
