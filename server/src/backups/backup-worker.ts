import type { BackgroundWorker, WorkerDeps } from '../background-worker.js';
import { type Signals, systemContext } from '../context.js';
import type { Database } from '../db/database.js';
import type { HostedKind } from '../provisioning/reconciled-kind.js';
import { localServer } from '../provisioning/server-ref.js';
import { backupRunner } from './backup-runner.js';
import { queueDueBackups } from './backup-schedule.js';
import { DatabaseBackupJobs } from './database-backup-jobs.js';
import { machineEnvironment } from './machine-environment.js';
import { newRunnerId } from './runner-identity.js';
import type { DriverOf } from './vacate-server.js';

/** Wakes a runner whenever a job is queued in this process. */
export const onBackupJobQueued = (signals: Signals) => (wake: () => void) => {
  signals.on('backupJobQueued', wake);
  return () => signals.off('backupJobQueued', wake);
};

/** The panel's sweep: the scheduled backups due now are queued, by Keel itself. */
export const queueScheduled =
  (db: Database, signals: Signals, now: () => Date, panelKey: Buffer) => async () => {
    await queueDueBackups(systemContext({ db, signals, panelKey, now, userAgent: 'keel backup runner' }));
  };

/**
 * The panel's backup runner for its own (local) server's customers, as the server starts it. Each sweep also queues the scheduled backups of every server's
 * customers, which their servers' runners then take.
 */
export function backupWorker(
  deps: WorkerDeps,
  kinds: readonly HostedKind[],
  /** The local server's drivers, once its reconciler has started them. */
  driverOf: DriverOf,
): BackgroundWorker {
  let runner: BackgroundWorker | undefined;
  const { config, signals } = deps;
  return {
    async start() {
      const key = deps.panelKey;
      const db = deps.handle.db;
      runner = backupRunner({
        store: new DatabaseBackupJobs({
          db,
          server: localServer,
          runner: newRunnerId(),
          sole: deps.handle.kind === 'pglite',
          key,
          kinds,
          signals,
          userAgent: 'keel backup runner',
        }),
        env: machineEnvironment(config),
        driverOf,
        log: deps.log,
        listen: onBackupJobQueued(signals),
        concurrency: config.backupJobs,
        sweepMs: config.sweepSeconds * 1000,
        beforeSweep: queueScheduled(db, signals, () => new Date(), key),
      });
      await runner.start();
    },
    async stop() {
      await runner?.stop();
    },
  };
}
