import path from 'node:path';
import { afterAll } from 'vitest';
import { backupRunner } from '../../server/src/backups/backup-runner.js';
import { backups } from '../../server/src/backups/backups.table.js';
import type { BackupEnvironment } from '../../server/src/backups/take-backup.js';
import { hostingKinds } from '../../server/src/resource-kinds.js';
import { loadPanelKey } from '../../server/src/secrets/panel-key.js';
import type { TestApp } from './app.js';

/**
 * The backup runner of a test app on its own backup directory, with the key in `dataDir`,
 * stopped after the file's tests. `idle()` waits until every queued job has run.
 */
export async function startBackupRunner(
  keel: TestApp,
  settings: { dataDir: string; mariadbUrl?: string | null; mailStoreDir?: string | null },
) {
  const key = await loadPanelKey(settings.dataDir, null);
  const env: BackupEnvironment = {
    store: { backupDir: keel.backupDir, cacheDir: path.join(settings.dataDir, 'backup-cache'), key },
    homesDir: keel.homesDir,
    mariadbUrl: settings.mariadbUrl ?? null,
    mailStoreDir: settings.mailStoreDir ?? null,
    kinds: hostingKinds,
  };
  const start = async () => {
    const runner = backupRunner({
      db: keel.handle.db,
      signals: keel.system.signals,
      log: {
        info: () => undefined,
        warn: () => undefined,
        error: (...args: unknown[]) => console.error(...args),
      },
      env,
      concurrency: 2,
      sweepMs: 3_600_000,
      sole: false,
      now: keel.clock.now,
    });
    await runner.start();
    return runner;
  };
  let runner = await start();
  afterAll(() => runner.stop());
  return {
    env,
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
