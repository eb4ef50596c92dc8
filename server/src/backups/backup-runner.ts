import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { noOrigin, systemActor } from '../access/actor.js';
import { record } from '../audit/record.js';
import type { BackgroundWorker } from '../background-worker.js';
import type { Context, Signals } from '../context.js';
import type { Database } from '../db/database.js';
import { type BackupJob, claimNextJob, finishJob, reportProgress, runningJobs } from './backup-jobs.js';
import { applyRetention, queueDueBackups } from './backup-schedule.js';
import { backupJobs, backups } from './backups.table.js';
import { existingRepository } from './customer-repository.js';
import { forgetSnapshots, unlockRepository } from './restic.js';
import { restoreBackup } from './restore-backup.js';
import { newRunnerId, runnerGone } from './runner-identity.js';
import { type BackupEnvironment, discardBackup, takeBackup } from './take-backup.js';

export interface BackupRunnerOptions {
  db: Database;
  signals: Signals;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  env: BackupEnvironment;
  /** How many jobs this server runs at once (KEEL_BACKUP_JOBS). */
  concurrency: number;
  /** How often to look for jobs queued by another Keel process. */
  sweepMs: number;
  /** Embedded PGlite: this process is the only runner there can be. */
  sole: boolean;
  now?: () => Date;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs backup jobs outside requests: at most `concurrency` at once, one per customer (the claim
 * sees to it). At start, a job left running by a runner that died (kill -9, a crash) is failed and
 * what it left is cleaned up: a backup's partial snapshots are forgotten, a forget is queued again.
 */
export function backupRunner(
  options: BackupRunnerOptions,
): BackgroundWorker & { idle(): Promise<void>; sweepNow(): Promise<void> } {
  const now = options.now ?? (() => new Date());
  const self = newRunnerId();
  // Restores change resources the way a request would, as the system (the request was audited).
  const system: Context = {
    db: options.db,
    actor: systemActor,
    origin: { ...noOrigin, userAgent: 'keel backup runner' },
    signals: options.signals,
    now,
    panelKey: options.env.store.key,
  };
  const active = new Set<Promise<void>>();
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let filling: Promise<void> | null = null;
  let again = false;

  async function run(job: BackupJob): Promise<void> {
    const progress = (step: string) => reportProgress(options.db, job.id, step);
    try {
      if (job.kind === 'backup') {
        const taken = await takeBackup(
          options.db,
          options.env,
          job.customerId,
          job.backupId as string,
          progress,
        );
        await finishJob(options.db, job, { error: null, backup: taken }, now());
      } else if (job.kind === 'restore') {
        if (!job.backupId) throw new Error('the backup was deleted before it could be restored');
        await restoreBackup(system, options.env, { ...job, backupId: job.backupId }, progress);
        await finishJob(options.db, job, { error: null }, now());
      } else {
        const repository = await existingRepository(options.db, options.env.store, job.customerId);
        if (repository) await forgetSnapshots(repository, job.parts);
        await finishJob(options.db, job, { error: null }, now());
      }
    } catch (error) {
      options.log.warn({ jobId: job.id, customerId: job.customerId, err: error }, 'backup job failed');
      if (job.kind === 'backup') await cleanUp(job).catch(() => undefined);
      await finishJob(options.db, job, { error: message(error) }, now());
    }
    await options.db
      .transaction((tx) =>
        record(tx, system, {
          action: 'backup.job_finished',
          customerId: job.customerId,
          target: { type: 'backup_job', id: job.id },
          details: { kind: job.kind, backupId: job.backupId, parts: job.parts },
        }),
      )
      .catch((error) => options.log.error({ err: error }, 'auditing a backup job failed'));
    if (job.kind === 'backup' && (await isScheduled(job))) {
      await applyRetention(system, job.customerId).catch((error) =>
        options.log.error({ customerId: job.customerId, err: error }, 'applying the backup retention failed'),
      );
    }
    options.signals.emit('purgeRequested', job.customerId);
  }

  /** A scheduled backup that finished ready: the retention runs after it. */
  async function isScheduled(job: BackupJob): Promise<boolean> {
    if (!job.backupId) return false;
    const [backup] = await options.db
      .select({ trigger: backups.trigger, state: backups.state })
      .from(backups)
      .where(eq(backups.id, job.backupId));
    return backup?.trigger === 'scheduled' && backup.state === 'ready';
  }

  /** Removes what a failed or interrupted backup took. */
  async function cleanUp(job: BackupJob): Promise<void> {
    const repository = await existingRepository(options.db, options.env.store, job.customerId);
    if (!repository || !job.backupId) return;
    await discardBackup(repository, job.backupId);
  }

  async function recoverInterrupted(): Promise<void> {
    for (const job of await runningJobs(options.db)) {
      if (!runnerGone(job.runner, self, options.sole)) continue;
      const repository = await existingRepository(options.db, options.env.store, job.customerId).catch(
        () => null,
      );
      if (repository) await unlockRepository(repository).catch(() => undefined);
      if (job.kind === 'forget') {
        await options.db
          .update(backupJobs)
          .set({ state: 'queued', runner: null, progress: null })
          .where(eq(backupJobs.id, job.id));
        continue;
      }
      await cleanUp(job).catch((error) =>
        options.log.error({ jobId: job.id, err: error }, 'cleaning up an interrupted backup failed'),
      );
      await finishJob(options.db, job, { error: 'Interrupted: the server stopped while it ran.' }, now());
    }
  }

  async function fill(): Promise<void> {
    do {
      again = false;
      while (!stopped && active.size < options.concurrency) {
        const job = await claimNextJob(options.db, self, now());
        if (!job) break;
        const running: Promise<void> = run(job).finally(() => {
          active.delete(running);
          wake();
        });
        active.add(running);
      }
    } while (again && !stopped);
  }

  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (filling) {
      again = true;
      return filling;
    }
    filling = fill()
      .catch((error) => options.log.error({ err: error }, 'claiming backup jobs failed'))
      .finally(() => {
        filling = null;
      });
    return filling;
  }

  const onQueued = () => void wake();

  /** Each sweep queues the scheduled backups that are due, then runs what is queued. */
  const sweep = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    return queueDueBackups(system)
      .catch((error) => options.log.error({ err: error }, 'queuing scheduled backups failed'))
      .then(wake);
  };

  return {
    async start() {
      stopped = false;
      await recoverInterrupted();
      options.signals.on('backupJobQueued', onQueued);
      timer = setInterval(() => void sweep(), options.sweepMs);
      timer.unref();
      void sweep();
    },
    async stop() {
      stopped = true;
      options.signals.off('backupJobQueued', onQueued);
      if (timer) clearInterval(timer);
      await filling;
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
