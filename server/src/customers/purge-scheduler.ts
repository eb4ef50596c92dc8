import type { FastifyBaseLogger } from 'fastify';
import { type BackgroundWorker, coalescedWake } from '../background-worker.js';
import { type Signals, systemContext } from '../context.js';
import type { Database } from '../db/database.js';
import type { PurgeServices } from './purge-customer.js';
import { purgeDueCustomers } from './purge-due-customers.js';

export interface PurgeSchedulerOptions {
  db: Database;
  signals: Signals;
  panelKey: Buffer;
  log: Pick<FastifyBaseLogger, 'info' | 'error'>;
  /** How often to sweep for due purges even when nothing signals (config.purgeSweepSeconds). */
  intervalMs: number;
  now?: () => Date;
  services: PurgeServices;
}

/**
 * The purge scheduler inside the server: sweeps at start, every `intervalMs`, and whenever a
 * purge is requested or the reconciler has removed resources (`purgeRequested`). Wake-ups during
 * a sweep coalesce into one more sweep; `stop()` waits for the current one.
 */
export function purgeScheduler(
  options: PurgeSchedulerOptions,
): BackgroundWorker & { sweepNow(): Promise<void> } {
  const ctx = systemContext({
    db: options.db,
    signals: options.signals,
    panelKey: options.panelKey,
    now: options.now,
    userAgent: 'keel purge scheduler',
  });
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;

  async function sweepOnce() {
    try {
      const sweep = await purgeDueCustomers(ctx, options.services);
      for (const customer of sweep.purged) {
        options.log.info({ customerId: customer.id, email: customer.email }, 'customer purged');
      }
      for (const failure of sweep.failed) {
        options.log.error({ customerId: failure.id, error: failure.error }, 'customer purge failed');
      }
      for (const id of sweep.keptRepositoriesDeleted) {
        options.log.info({ customerId: id }, 'backups kept after a purge deleted: their days were over');
      }
    } catch (error) {
      options.log.error({ err: error }, 'purge sweep failed');
    }
  }

  const wake = coalescedWake(sweepOnce, () => stopped);

  const onRequested = () => void wake();

  return {
    async start() {
      stopped = false;
      options.signals.on('purgeRequested', onRequested);
      timer = setInterval(onRequested, options.intervalMs);
      timer.unref();
      void wake();
    },
    async stop() {
      stopped = true;
      options.signals.off('purgeRequested', onRequested);
      if (timer) clearInterval(timer);
      await wake();
    },
    /** Sweeps now and resolves when the sweep (and any it coalesced) is done: for tests. */
    sweepNow: wake,
  };
}
