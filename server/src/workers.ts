import type { BackgroundWorker, WorkerDeps } from './background-worker.js';
import { backupWorker } from './backups/backup-worker.js';
import { certificateWorker } from './certificates/certificate-worker.js';
import { DatabaseCronRunStore } from './cron-jobs/cron-run-store.js';
import { cronScheduler } from './cron-jobs/cron-scheduler.js';
import { purgeScheduler } from './customers/purge-scheduler.js';
import { moveCheckMs, mover } from './moves/mover.js';
import { databaseChanges } from './provisioning/database-changes.js';
import { CustomerHomes } from './provisioning/drivers/files/customer-homes.js';
import { reconcilerWorker } from './provisioning/reconciler-worker.js';
import { localServer } from './provisioning/server-ref.js';
import { hostingKinds } from './resource-kinds.js';

export function backgroundWorkers(deps: WorkerDeps): BackgroundWorker[] {
  const { config } = deps;
  const reconciler = reconcilerWorker(deps, hostingKinds);
  return [
    // First, so it is heard from before the others start and stops after they have.
    databaseChanges(deps),
    reconciler,
    backupWorker(deps, hostingKinds, reconciler.driverOf),
    mover({
      db: deps.handle.db,
      signals: deps.signals,
      panelKey: deps.panelKey,
      log: deps.log,
      kinds: hostingKinds,
      sole: deps.handle.kind === 'pglite',
      intervalMs: moveCheckMs,
    }),
    purgeScheduler({
      db: deps.handle.db,
      signals: deps.signals,
      panelKey: deps.panelKey,
      log: deps.log,
      intervalMs: deps.config.purgeSweepSeconds * 1000,
      services: {
        kinds: hostingKinds,
        homes: new CustomerHomes(deps.config.homesDir),
        backupDir: deps.config.backupDir,
      },
    }),
    // Every site's server answers the CA through its own nginx, the agents' too: a panel without
    // KEEL_WEB_PORT still orders for theirs (its own sites never go live to be claimed).
    certificateWorker({
      db: deps.handle.db,
      signals: deps.signals,
      panelKey: deps.panelKey,
      log: deps.log,
      dataDir: config.dataDir,
      directoryUrl: config.acmeDirectory,
      email: config.acmeEmail,
      intervalMs: config.sweepSeconds * 1000,
    }),
    // The panel's machine runs the jobs of the local server's customers; agents run their servers'.
    cronScheduler({
      store: new DatabaseCronRunStore({ db: deps.handle.db, server: localServer }),
      signals: deps.signals,
      log: deps.log,
      homesDir: deps.config.homesDir,
      timeoutMs: deps.config.cronTimeoutSeconds * 1000,
    }),
  ];
}
