import { type BackgroundWorker, coalescedWake } from '../background-worker.js';
import type { BackupJobStore, ClaimedJob } from './backup-job-store.js';
import { repositoryDir } from './repository-location.js';
import { forgetSnapshots, initRepository, type ResticRepository, unlockRepository } from './restic.js';
import { restoreBackup } from './restore-backup.js';
import { discardBackup, type MachineEnvironment, takeBackup } from './take-backup.js';
import { type DriverOf, vacateServer } from './vacate-server.js';

export interface BackupRunnerOptions {
  /** The panel's state for this server's customers: in-process, or over the agent API. */
  store: BackupJobStore;
  /** This machine's directories and services, where the customers' data is. */
  env: MachineEnvironment;
  log: { warn(object: unknown, message: string): void; error(object: unknown, message: string): void };
  /** Calls `wake` whenever jobs may have been queued; answers how to stop listening. */
  listen: (wake: () => void) => () => void;
  /** How many jobs this server runs at once (KEEL_BACKUP_JOBS). */
  concurrency: number;
  /** How often to look for jobs nobody woke it for (another panel process, a lost poll). */
  sweepMs: number;
  /** This machine's drivers, which take a moved customer's resources off it (a vacate job). */
  driverOf?: DriverOf;
  /** Before each sweep: the panel queues the scheduled backups that are due. */
  beforeSweep?: () => Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs the backup jobs of one server's customers on the machine where their files and databases
 * are: at most `concurrency` at once, one per customer (the claim sees to it). Each job's
 * repository password comes with its claim and goes with it. At start, a job left running by a
 * runner that died (kill -9, a crash) is failed and what it left is cleaned up: a backup's
 * partial snapshots are forgotten, a forget is queued again.
 */
export function backupRunner(
  options: BackupRunnerOptions,
): BackgroundWorker & { idle(): Promise<void>; sweepNow(): Promise<void> } {
  const { store, env } = options;
  const active = new Set<Promise<void>>();
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let unlisten: (() => void) | undefined;

  const repositoryOf = (claimed: ClaimedJob): ResticRepository | null =>
    claimed.password === null
      ? null
      : {
          dir: repositoryDir(env.backupDir, claimed.job.customerId),
          password: claimed.password,
          cacheDir: env.cacheDir,
        };

  async function work(claimed: ClaimedJob, repository: ResticRepository | null) {
    const { job } = claimed;
    const progress = (step: string) => store.progress(job.id, step);
    if (job.kind === 'backup') {
      if (!repository || !claimed.source || !job.backupId) throw new Error('the panel sent no backup source');
      await progress('opening the repository');
      await initRepository(repository);
      const taken = await takeBackup(
        repository,
        env,
        { customerId: job.customerId, backupId: job.backupId },
        claimed.source,
        progress,
      );
      return { error: null, backup: taken };
    }
    if (job.kind === 'restore') {
      if (!repository || !claimed.snapshots) throw new Error('the customer has no backup repository');
      await restoreBackup(repository, env, store, job, claimed.snapshots, progress);
      return { error: null };
    }
    if (job.kind === 'vacate') {
      await progress('removing the resources and the home');
      await vacateServer(
        env.homesDir,
        job.customerId,
        claimed.vacate ?? [],
        options.driverOf ?? (() => null),
      );
      return { error: null };
    }
    if (repository) await forgetSnapshots(repository, job.parts);
    return { error: null };
  }

  async function run(claimed: ClaimedJob): Promise<void> {
    const { job } = claimed;
    const repository = repositoryOf(claimed);
    const outcome = await work(claimed, repository).catch(async (error) => {
      options.log.warn({ jobId: job.id, customerId: job.customerId, err: error }, 'backup job failed');
      if (job.kind === 'backup' && repository && job.backupId) {
        await discardBackup(repository, job.backupId).catch(() => undefined);
      }
      return { error: message(error) };
    });
    await store
      .finish(job.id, outcome)
      .catch((error) => options.log.error({ jobId: job.id, err: error }, 'reporting a backup job failed'));
  }

  async function recoverInterrupted(): Promise<void> {
    for (const claimed of await store.interrupted()) {
      const { job } = claimed;
      const repository = repositoryOf(claimed);
      if (repository) await unlockRepository(repository).catch(() => undefined);
      // Both are safe to run again from the start.
      if (job.kind === 'forget' || job.kind === 'vacate') {
        await store.finish(job.id, { requeue: true });
        continue;
      }
      if (job.kind === 'backup' && repository && job.backupId) {
        await discardBackup(repository, job.backupId).catch((error) =>
          options.log.error({ jobId: job.id, err: error }, 'cleaning up an interrupted backup failed'),
        );
      }
      await store.finish(job.id, { error: 'Interrupted: the server stopped while it ran.' });
    }
  }

  async function fill(): Promise<void> {
    try {
      while (!stopped && active.size < options.concurrency) {
        const claimed = await store.claim();
        if (!claimed) break;
        const running: Promise<void> = run(claimed).finally(() => {
          active.delete(running);
          void wake();
        });
        active.add(running);
      }
    } catch (error) {
      options.log.error({ err: error }, 'claiming backup jobs failed');
    }
  }

  /** Claims up to `concurrency` now, or once more after the claiming in flight. */
  const wake = coalescedWake(fill, () => stopped);

  const sweep = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    return (options.beforeSweep?.() ?? Promise.resolve())
      .catch((error) => options.log.error({ err: error }, 'queuing scheduled backups failed'))
      .then(wake);
  };

  return {
    async start() {
      stopped = false;
      // A panel that cannot answer now (an agent started before it) leaves them to the next start.
      await recoverInterrupted().catch((error) =>
        options.log.error({ err: error }, 'cleaning up interrupted backup jobs failed'),
      );
      unlisten = options.listen(() => void wake());
      timer = setInterval(() => void sweep(), options.sweepMs);
      timer.unref();
      void sweep();
    },
    async stop() {
      stopped = true;
      unlisten?.();
      if (timer) clearInterval(timer);
      // Stopped, it claims nothing more: this waits for the claiming in flight.
      await wake();
      await Promise.all(active);
    },
    /** Queues the scheduled backups due now, as the timer would: for tests. */
    sweepNow: sweep,
    /** Resolves once nothing is queued for this runner and nothing runs: for tests. */
    async idle() {
      for (;;) {
        await wake();
        if (active.size === 0) {
          await wake();
          if (active.size === 0) return;
        }
        await Promise.race(active);
      }
    },
  };
}
