import { randomUUID } from 'node:crypto';
import { type BackgroundWorker, coalescedWake } from '../background-worker.js';
import type { Signals } from '../context.js';
import type { Claim, Outcome } from './claims.js';
import { repairDrift } from './drift.js';
import type { CustomerHomes } from './drivers/files/customer-homes.js';
import type { ApplyResult } from './drivers/types.js';
import { observeServices } from './observe.js';
import type { ReconcilerStore } from './reconciler-store.js';
import { type RecoveryLog, ServiceRecovery } from './service-recovery.js';
import type { KindOnService } from './services.js';

export interface ReconcilerOptions {
  /** The panel's state for the server this reconciler converges: the database, or the panel over HTTP. */
  store: ReconcilerStore;
  /**
   * Wake-ups after a change (the panel's own reconciler; an agent has none): this process's, and
   * on PostgreSQL every panel's (database-changes.ts).
   */
  signals?: Signals;
  /** Every kind, with its driver or the reason its service is unavailable. */
  kinds: KindOnService[];
  now?: () => Date;
  /**
   * The periodic sweep (KEEL_SWEEP_SECONDS): retries, changes made by other Keel processes, and the
   * drift check, which compares every service with what Keel applied and repairs what differs.
   */
  sweepMs?: number;
  batchSize?: number;
  /** Subscribes to wake-ups from elsewhere (an agent's long poll on the panel); returns the unsubscribe. */
  listen?: (wake: () => void) => Promise<() => Promise<void>>;
  /** How often a service that stopped answering is probed (drivers with `reachable()`). */
  probeMs?: number;
  log?: RecoveryLog;
  /**
   * True when no other process converges this server (the local server on PGlite; an agent, one
   * per server): claims a killed predecessor left are released at start instead of waiting out their lease.
   */
  soleReconciler?: boolean;
  /**
   * The homes on this machine, when a purge must have them removed here: an agent's (the panel
   * removes its own machine's in the purge itself).
   */
  homes?: CustomerHomes;
}

const failedBatch = (claims: Claim[], error: string): Outcome[] =>
  claims.map((claim) => ({ claim, ok: false, error, unconfigured: false }));

/**
 * Converges the services to the panel: claims resources whose service differs from what the
 * rows say, applies them in batches through the drivers (one nginx reload per batch), and
 * records the outcome. Requests never talk to a service; they change rows and wake this.
 */
export class Reconciler implements BackgroundWorker {
  /** Whose lease a claim is: an agent's claims are named by the panel after its server anyway. */
  private readonly owner = `keel-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  /** Wakes the reconciler when the earliest failed resource may retry, not at the next sweep. */
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDue = Number.POSITIVE_INFINITY;
  private readonly recovery: ServiceRecovery;
  private unlisten: (() => Promise<void>) | undefined;
  private stopped = false;
  // The first pass checks for drift too: what changed while Keel was not running is repaired at start.
  private driftDue = true;
  /** A pass now, or one more after the pass in flight, however many changes came meanwhile. */
  private readonly requestPass = coalescedWake(
    () => this.passes(),
    () => this.stopped,
  );
  private readonly wake = () => void this.requestPass();
  // Only the sweep checks for drift: reading every vhost and account at each change would not be cheap.
  private readonly sweep = () => {
    this.driftDue = true;
    void this.requestPass();
  };

  constructor(private readonly options: ReconcilerOptions) {
    this.now = options.now ?? (() => new Date());
    this.recovery = new ServiceRecovery({
      store: options.store,
      wake: this.wake,
      probeMs: options.probeMs ?? 1000,
      log: options.log,
    });
  }

  async start(): Promise<void> {
    if (this.options.soleReconciler)
      await this.options.store.releaseClaims(this.options.kinds.map((entry) => entry.kind));
    this.options.signals?.on('resourcesChanged', this.wake);
    this.unlisten = await this.options.listen?.(this.wake);
    this.timer = setInterval(this.sweep, this.options.sweepMs ?? 30_000);
    this.timer.unref();
    void this.requestPass();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.signals?.off('resourcesChanged', this.wake);
    clearInterval(this.timer);
    clearTimeout(this.retryTimer);
    await this.unlisten?.();
    // Stopped, it starts no pass: this waits for the one in flight.
    await this.requestPass();
    await this.recovery.stop();
  }

  /** Runs passes until nothing is left to converge; resolves when the services match. */
  settle(): Promise<void> {
    return this.requestPass();
  }

  /** Batches until nothing is left to claim, after the drift check when one is due. */
  private async passes(): Promise<void> {
    try {
      if (this.driftDue) {
        this.driftDue = false;
        await repairDrift(this.options.store, this.options.kinds, this.options.log);
        await observeServices(this.options.store, this.options.kinds, this.options.log);
      }
      while ((await this.pass()) > 0) {}
      await this.removePurgedHomes();
    } catch (error) {
      this.options.log?.error({ err: error }, 'reconcile pass failed');
    }
  }

  private wakeAt(due: Date): void {
    if (this.stopped || due.getTime() >= this.retryDue) return;
    clearTimeout(this.retryTimer);
    this.retryDue = due.getTime();
    // A few milliseconds late: a timer may fire a millisecond early, before retry_at has passed.
    this.retryTimer = setTimeout(
      () => {
        this.retryDue = Number.POSITIVE_INFINITY;
        void this.requestPass();
      },
      Math.max(0, due.getTime() - this.now().getTime()) + 5,
    );
    this.retryTimer.unref();
  }

  /** The homes of purged customers whose resources are gone: the purge waits for them. */
  private async removePurgedHomes(): Promise<void> {
    const { homes, store, kinds } = this.options;
    if (!homes) return;
    const due = await store.homesToRemove(kinds.map((entry) => entry.kind));
    for (const customerId of due) await homes.removeHome(customerId);
    if (due.length > 0) await store.homesRemoved(due);
  }

  /** One batch of each kind; returns how many resources it handled. */
  private async pass(): Promise<number> {
    const handled = await Promise.all(this.options.kinds.map((entry) => this.converge(entry)));
    return handled.reduce((sum, count) => sum + count, 0);
  }

  private async converge({ kind, driver, unavailable }: KindOnService) {
    const { store } = this.options;
    // Before claiming, so a resource held while the last batch ran waits for its retry time.
    const held = driver?.takeHeld?.() ?? [];
    if (held.length > 0) await store.recordHeld(kind, held);
    const limit = driver?.batchSize ?? this.options.batchSize ?? 200;
    const work = await store.claim(kind, this.owner, limit);
    const { claims } = work;
    if (claims.length === 0) return 0;
    let outcomes: Outcome[];
    if (!driver) {
      outcomes = claims.map((claim) => ({ claim, ok: false, error: unavailable ?? '', unconfigured: true }));
    } else if ('error' in work) {
      outcomes = failedBatch(claims, work.error);
    } else {
      outcomes = await this.applyBatch(driver, claims, work.desired);
    }
    const retryAt = await store.recordOutcomes(kind, this.owner, outcomes);
    if (retryAt) this.wakeAt(retryAt);
    if (driver) {
      const succeeded = outcomes.filter((outcome) => outcome.ok).length;
      await this.recovery.afterBatch(kind, driver, succeeded, outcomes.length - succeeded);
    }
    return claims.length;
  }

  /**
   * The driver's result for every claim. A driver that throws (a failure outside any one
   * resource) fails the whole batch: recorded like any failure, the claims are let go and retried
   * with backoff, instead of being held until their lease runs out.
   */
  private async applyBatch(
    driver: NonNullable<KindOnService['driver']>,
    claims: Claim[],
    desired: unknown[],
  ): Promise<Outcome[]> {
    let results: Map<string, ApplyResult>;
    try {
      const applied = await driver.apply(desired);
      results = new Map(applied.map((result) => [result.id, result]));
    } catch (error) {
      return failedBatch(claims, error instanceof Error ? error.message : String(error));
    }
    return claims.map((claim) => {
      const result = results.get(claim.id);
      const error = !result ? 'The driver gave no result.' : result.ok ? null : result.error;
      return { claim, ok: result?.ok === true, error, unconfigured: false };
    });
  }
}
