import path from 'node:path';
import type { BackgroundWorker, WorkerDeps } from '../background-worker.js';
import type { AnyResourceKind } from '../hosting/resource-kind.js';
import { mailLayout } from '../provisioning/drivers/mail/layout.js';
import { backupRunner } from './backup-runner.js';

/** The backup runner as the server starts it, from the configuration. */
export function backupWorker(deps: WorkerDeps, kinds: readonly AnyResourceKind[]): BackgroundWorker {
  let runner: BackgroundWorker | undefined;
  const { config } = deps;
  return {
    async start() {
      runner = backupRunner({
        db: deps.handle.db,
        signals: deps.signals,
        log: deps.log,
        concurrency: config.backupJobs,
        sweepMs: config.sweepSeconds * 1000,
        sole: deps.handle.kind === 'pglite',
        env: {
          store: {
            backupDir: config.backupDir,
            cacheDir: path.join(config.dataDir, 'backup-cache'),
            key: deps.panelKey,
          },
          homesDir: config.homesDir,
          mariadbUrl: config.mariadbUrl,
          mailStoreDir:
            config.mail.smtpPort === null
              ? null
              : mailLayout(path.join(config.dataDir, 'mail'), config.mail).storeDir,
          kinds,
        },
      });
      await runner.start();
    },
    async stop() {
      await runner?.stop();
    },
  };
}
