import type { ResourceDriver } from './drivers/types.js';
import type { HostedKind } from './reconciled-kind.js';
import type { ReconcilerStore } from './reconciler-store.js';

export interface RecoveryLog {
  info(message: string): void;
  warn(message: string): void;
  error(object: unknown, message: string): void;
}

export interface ServiceRecoveryOptions {
  store: ReconcilerStore;
  /** Runs a reconcile pass: called once a service is back and its resources may retry. */
  wake: () => void;
  /** How often a service that is down is probed. */
  probeMs: number;
  log?: RecoveryLog;
}

/**
 * Tells a service that is down from resources that fail on their own, and lets every resource
 * that failed on a service retry the moment the service is back, instead of each waiting out its
 * own backoff: a suspension that could not lock a database user while MariaDB was down then
 * takes effect within a probe interval of MariaDB's return. Generic over kinds: a driver with
 * `reachable()` is probed while it is down; one without is taken to be down when a whole batch
 * failed, and back when a batch succeeds again.
 */
export class ServiceRecovery {
  /** Kinds whose service is down, with the timer of their next probe (none without a probe). */
  private readonly down = new Map<HostedKind, NodeJS.Timeout | undefined>();
  private readonly probes = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: ServiceRecoveryOptions) {}

  /** After every batch a driver applied (unconfigured services are never down, only absent). */
  async afterBatch(
    kind: HostedKind,
    driver: ResourceDriver<unknown>,
    succeeded: number,
    failed: number,
  ): Promise<void> {
    if (this.down.has(kind)) {
      if (succeeded > 0) await this.recovered(kind);
      return;
    }
    if (failed === 0) return;
    const serviceDown = driver.reachable ? !(await driver.reachable()) : succeeded === 0;
    if (serviceDown) this.markDown(kind, driver);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.down.values()) clearTimeout(timer);
    this.down.clear();
    await Promise.all(this.probes);
  }

  private markDown(kind: HostedKind, driver: ResourceDriver<unknown>): void {
    if (this.stopped) return;
    this.options.log?.warn(`${kind.plural}: the service does not answer; waiting for it to come back`);
    this.down.set(kind, undefined);
    if (driver.reachable) this.scheduleProbe(kind, driver);
  }

  private scheduleProbe(kind: HostedKind, driver: ResourceDriver<unknown>): void {
    const timer = setTimeout(() => {
      const probe = this.probe(kind, driver);
      this.probes.add(probe);
      void probe.finally(() => this.probes.delete(probe));
    }, this.options.probeMs);
    timer.unref();
    this.down.set(kind, timer);
  }

  private async probe(kind: HostedKind, driver: ResourceDriver<unknown>): Promise<void> {
    // A batch that succeeded meanwhile has already declared the service back.
    if (this.stopped || !this.down.has(kind)) return;
    let back = false;
    try {
      back = (await driver.reachable?.()) === true;
    } catch (error) {
      this.options.log?.error({ err: error }, `${kind.plural}: probing the service failed`);
    }
    if (back) await this.recovered(kind);
    else if (!this.stopped && this.down.has(kind)) this.scheduleProbe(kind, driver);
  }

  private async recovered(kind: HostedKind): Promise<void> {
    clearTimeout(this.down.get(kind));
    this.down.delete(kind);
    try {
      const released = await this.options.store.retryFailedNow(kind);
      this.options.log?.info(`${kind.plural}: the service answers again; ${released} retried now`);
    } catch (error) {
      // Their backoff still brings them back, within maxRetryDelayMs.
      this.options.log?.error({ err: error }, `${kind.plural}: could not retry the failed ones at once`);
    }
    this.options.wake();
  }
}
