import path from 'node:path';
import { afterAll } from 'vitest';
import { backupRunner } from '../../server/src/backups/backup-runner.js';
import { onBackupJobQueued, queueScheduled } from '../../server/src/backups/backup-worker.js';
import { backups } from '../../server/src/backups/backups.table.js';
import type { BackupStore } from '../../server/src/backups/customer-repository.js';
import { DatabaseBackupJobs } from '../../server/src/backups/database-backup-jobs.js';
import { newRunnerId } from '../../server/src/backups/runner-identity.js';
import { localServer } from '../../server/src/provisioning/server-ref.js';
import { hostingKinds } from '../../server/src/resource-kinds.js';
import type { TestApp } from './app.js';

/**
 * The backup runner of a test app's local server on its own backup directory, with the app's
 * panel key, stopped after the file's tests. `idle()` waits until every queued job has run;
 * `store` opens the repositories as the panel does.
 */
export async function startBackupRunner(
  keel: TestApp,
  settings: { dataDir: string; mariadbUrl?: string | null; mailStoreDir?: string | null },
) {
  const key = keel.system.panelKey;
  const store: BackupStore = {
    backupDir: keel.backupDir,
    cacheDir: path.join(settings.dataDir, 'backup-cache'),
    key,
  };
  const { db } = keel.handle;
  const { signals } = keel.system;
  const start = async () => {
    const runner = backupRunner({
      store: new DatabaseBackupJobs({
        db,
        server: localServer,
        runner: newRunnerId(),
        sole: false,
        key,
        kinds: hostingKinds,
        signals,
        now: keel.clock.now,
        userAgent: 'keel backup runner',
      }),
      env: {
        backupDir: store.backupDir,
        cacheDir: store.cacheDir,
        homesDir: keel.homesDir,
        mariadbUrl: settings.mariadbUrl ?? null,
        mailStoreDir: settings.mailStoreDir ?? null,
      },
      log: { warn: () => undefined, error: (...args: unknown[]) => console.error(...args) },
      listen: onBackupJobQueued(signals),
      concurrency: 2,
      sweepMs: 3_600_000,
      beforeSweep: queueScheduled(db, signals, keel.clock.now, key),
    });
    await runner.start();
    return runner;
  };
  let runner = await start();
  afterAll(() => runner.stop());
  return {
    store,
    idle: () => runner.idle(),
    sweepNow: () => runner.sweepNow(),
    /** Stops this runner and starts another, as a restarted server would. */
    async restart() {
      await runner.stop();
      runner = await start();
    },
  };
}

/** A finished backup row of the customer (no repository behind it): for routes that name one. */
export async function insertFinishedBackup(keel: TestApp, customerId: string): Promise<string> {
  const [row] = await keel.handle.db
    .insert(backups)
    .values({ customerId, trigger: 'manual', state: 'ready', finishedAt: keel.clock.now() })
    .returning({ id: backups.id });
  if (!row) throw new Error('no backup row');
  return row.id;
}
