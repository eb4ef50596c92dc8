import { randomUUID } from 'node:crypto';
import { systemActor } from '../access/actor.js';
import type { BackgroundWorker } from '../background-worker.js';
import type { Context, Signals } from '../context.js';
import type { Database } from '../db/database.js';
import { claimUnconverged, type Outcome, recordOutcomes, releaseAllClaims } from './claims.js';
import { repairDrift } from './drift.js';
import type { KindOnService } from './services.js';

export interface ReconcilerOptions {
  db: Database;
  signals: Signals;
  /** Every kind, with its driver or the reason its service is unavailable. */
  kinds: KindOnService[];
  now?: () => Date;
  /**
   * The periodic sweep (KEEL_SWEEP_SECONDS): retries, changes made by other Keel processes, and the
   * drift check, which compares every service with what Keel applied and repairs what differs.
   */
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
  // The first pass checks for drift too: what changed while Keel was not running is repaired at start.
  private driftDue = true;
  private readonly wake = () => this.requestPass();
  // Only the sweep checks for drift: reading every vhost and account at each change would not be cheap.
  private readonly sweep = () => {
    this.driftDue = true;
    this.requestPass();
  };

  constructor(private readonly options: ReconcilerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async start(): Promise<void> {
    if (this.options.soleReconciler)
      await releaseAllClaims(
        this.options.db,
        this.options.kinds.map((entry) => entry.kind),
      );
    this.options.signals.on('resourcesChanged', this.wake);
    this.unlisten = await this.options.listen?.(this.wake);
    this.timer = setInterval(this.sweep, this.options.sweepMs ?? 30_000);
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
          if (this.driftDue) {
            this.driftDue = false;
            await repairDrift(this.systemContext(), this.options.kinds, this.options.log);
          }
          while ((await this.pass()) > 0) {}
        } catch (error) {
          this.options.log?.error({ err: error }, 'reconcile pass failed');
        }
      } while (this.again && !this.stopped);
      this.running = null;
    })();
  }

  /** Repairs are made by Keel itself: the audit log names no user for them. */
  private systemContext(): Context {
    const { db, signals } = this.options;
    return {
      db,
      signals,
      actor: systemActor,
      origin: { ip: null, userAgent: 'keel reconciler' },
      now: this.now,
    };
  }

  /** One batch of each kind; returns how many resources it handled. */
  private async pass(): Promise<number> {
    const handled = await Promise.all(this.options.kinds.map((entry) => this.converge(entry)));
    return handled.reduce((sum, count) => sum + count, 0);
  }

  private async converge({ kind, driver, unavailable }: KindOnService) {
    const { db, signals } = this.options;
    const claims = await claimUnconverged(db, kind, this.owner, this.now(), this.options.batchSize ?? 200);
    if (claims.length === 0) return 0;
    let outcomes: Outcome[];
    if (!driver) {
      outcomes = claims.map((claim) => ({ claim, ok: false, error: unavailable ?? '', unconfigured: true }));
    } else {
      const results = new Map(
        (await driver.apply(await kind.desired(db, claims))).map((result) => [result.id, result]),
      );
      outcomes = claims.map((claim) => {
        const result = results.get(claim.id);
        const error = !result ? 'The driver gave no result.' : result.ok ? null : result.error;
        return { claim, ok: result?.ok === true, error, unconfigured: false };
      });
    }
    await recordOutcomes(db, kind, this.owner, this.now(), outcomes);
    // A purge waits for its customer's resources to be gone; tell it when some went, and when a
    // claim it could not take back is let go (a row its unconfigured service never applied).
    const purgeable = new Set(
      outcomes
        .filter((o) => o.claim.state === 'absent' && (o.ok || o.unconfigured))
        .map((o) => o.claim.customerId),
    );
    for (const customerId of purgeable) signals.emit('purgeRequested', customerId);
    return claims.length;
  }
}
