import { eq } from 'drizzle-orm';
import { record } from '../audit/record.js';
import { type Context, type Signals, systemContext } from '../context.js';
import type { Database } from '../db/database.js';
import type { HostedKind } from '../provisioning/reconciled-kind.js';
import type { ServerRef } from '../provisioning/server-ref.js';
import type { BackupJobStore, ClaimedJob, JobOutcome } from './backup-job-store.js';
import {
  type BackupJob,
  claimNextJob,
  finishJob,
  reportProgress,
  runningJob,
  runningJobs,
} from './backup-jobs.js';
import { applyRetention } from './backup-schedule.js';
import { backupSource } from './backup-source.js';
import { backupJobs, backupRepositories, backups } from './backups.table.js';
import { newRepositoryPassword, openPassword, sealPassword } from './repository-key.js';
import { resourceReadiness, restoreResources } from './restore-resources.js';
import { runnerGone } from './runner-identity.js';
import { vacateList } from './vacate-source.js';

export interface DatabaseBackupJobsOptions {
  db: Database;
  /** Whose customers' jobs: the panel's own server, or the one an agent serves. */
  server: ServerRef;
  /** The runner's `host:pid:random`, or `<serverId>/<agent's id>` for an agent. */
  runner: string;
  /** The only runner there can be for this server (embedded PGlite, or the server's one agent). */
  sole: boolean;
  /** The panel key: opens the repositories' sealed passwords and the private keys a vacate hands over. */
  key: Buffer;
  kinds: readonly HostedKind[];
  signals: Signals;
  now?: () => Date;
  /** Who the audit log names: the panel's runner, or a server's agent. */
  userAgent: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The backup runner's store on the panel's database, limited to one server's customers: what the
 * panel's own runner uses in-process, and what the agent routes answer an agent with. Passwords
 * are opened here, with the key only the panel holds, and handed out with their job.
 */
export class DatabaseBackupJobs implements BackupJobStore {
  private readonly system: Context;

  constructor(private readonly options: DatabaseBackupJobsOptions) {
    // Restores change resources the way a request would, as the system (the request was audited).
    this.system = systemContext({
      db: options.db,
      signals: options.signals,
      panelKey: options.key,
      now: options.now,
      userAgent: options.userAgent,
    });
  }

  async claim(): Promise<ClaimedJob | null> {
    for (;;) {
      const job = await claimNextJob(
        this.options.db,
        this.options.server,
        this.options.runner,
        this.system.now(),
      );
      if (!job) return null;
      try {
        return await this.handOver(job);
      } catch (error) {
        // What the panel cannot give (the customer or the backup is gone) fails the job here.
        await this.end(job, { error: message(error) });
      }
    }
  }

  async interrupted(): Promise<ClaimedJob[]> {
    const { db, server, runner, sole } = this.options;
    const gone = (await runningJobs(db, server)).filter((job) => runnerGone(job.runner, runner, sole));
    return Promise.all(gone.map(async (job) => ({ job: runnable(job), password: await this.password(job) })));
  }

  async progress(jobId: string, step: string): Promise<void> {
    await this.held(jobId);
    await reportProgress(this.options.db, jobId, step);
  }

  async finish(jobId: string, outcome: JobOutcome): Promise<void> {
    await this.end(await this.held(jobId), outcome);
  }

  async restoreResources(jobId: string, resources: Record<string, Record<string, unknown>[]>) {
    const job = await this.held(jobId);
    if (job.kind !== 'restore') throw new Error('only a restore puts resources back');
    return restoreResources(this.system, this.options.kinds, job, resources);
  }

  async readiness(jobId: string, noun: 'database' | 'mailbox', name: string) {
    const job = await this.held(jobId);
    return resourceReadiness(this.options.db, this.options.kinds, job.customerId, noun, name);
  }

  /** The job, running on this server: a runner reaches no other server's. */
  private async held(jobId: string): Promise<BackupJob> {
    const job = await runningJob(this.options.db, this.options.server, jobId);
    if (!job) throw new JobNotHeld();
    return job;
  }

  private async handOver(job: BackupJob): Promise<ClaimedJob> {
    const { db, kinds } = this.options;
    if (job.kind === 'backup') {
      const source = await backupSource(db, kinds, job.customerId);
      return { job: runnable(job), password: await this.password(job, { create: true }), source };
    }
    const password = await this.password(job);
    if (job.kind === 'forget') return { job: runnable(job), password };
    if (job.kind === 'vacate') {
      return {
        job: runnable(job),
        password,
        vacate: await vacateList(db, kinds, job.customerId, this.options.key),
      };
    }
    if (!job.backupId) throw new Error('the backup was deleted before it could be restored');
    const [backup] = await db.select().from(backups).where(eq(backups.id, job.backupId));
    if (backup?.state !== 'ready') throw new Error('the backup is gone or not complete');
    if (!password) throw new Error('the customer has no backup repository');
    return { job: runnable(job), password, snapshots: backup.snapshots };
  }

  /**
   * The customer's repository password, opened; made at its first backup (sealed and stored
   * before the repository exists, so a repository never exists without what opens it). Null when
   * the customer has none yet.
   */
  private async password(job: BackupJob, options: { create?: boolean } = {}): Promise<string | null> {
    const { db, key } = this.options;
    if (options.create) {
      const sealed = sealPassword(key, job.customerId, newRepositoryPassword());
      await db
        .insert(backupRepositories)
        .values({ customerId: job.customerId, encryptedPassword: sealed })
        .onConflictDoNothing();
    }
    const [row] = await db
      .select()
      .from(backupRepositories)
      .where(eq(backupRepositories.customerId, job.customerId));
    return row ? openPassword(key, job.customerId, row.encryptedPassword) : null;
  }

  /** Ends the job, audits it, and lets the retention and a waiting purge follow. */
  private async end(job: BackupJob, outcome: JobOutcome): Promise<void> {
    const { db, signals } = this.options;
    if ('requeue' in outcome) {
      await db
        .update(backupJobs)
        .set({ state: 'queued', runner: null, progress: null })
        .where(eq(backupJobs.id, job.id));
      return;
    }
    await finishJob(db, job, outcome, this.system.now());
    await db.transaction((tx) =>
      record(tx, this.system, {
        action: 'backup.job_finished',
        customerId: job.customerId,
        target: { type: 'backup_job', id: job.id },
        details: { kind: job.kind, backupId: job.backupId, parts: job.parts },
      }),
    );
    if (job.kind === 'backup' && outcome.error === null && (await this.scheduled(job))) {
      await applyRetention(this.system, job.customerId);
    }
    signals.emit('purgeRequested', job.customerId);
  }

  private async scheduled(job: BackupJob): Promise<boolean> {
    if (!job.backupId) return false;
    const [backup] = await this.options.db
      .select({ trigger: backups.trigger })
      .from(backups)
      .where(eq(backups.id, job.backupId));
    return backup?.trigger === 'scheduled';
  }
}

/** A job's id named by a runner that does not hold it (finished, or another server's). */
export class JobNotHeld extends Error {
  constructor() {
    super('no such backup job is running on this server');
  }
}

const runnable = (job: BackupJob) => ({
  id: job.id,
  customerId: job.customerId,
  kind: job.kind,
  backupId: job.backupId,
  parts: job.parts,
});
