import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { type ServerRef, serverIdOf } from '../provisioning/server-ref.js';
import { backupJobs, backups } from './backups.table.js';

export type BackupJob = typeof backupJobs.$inferSelect;

/**
 * The jobs a server's runner takes: those naming it, and those of the customers living there
 * (whose files are there) that name no server.
 */
export const jobOnServer = (server: ServerRef): SQL =>
  sql`coalesce(${backupJobs.serverId}, (select server_id from customers where id = ${backupJobs.customerId})) = ${serverIdOf(server)}`;

/**
 * Takes the oldest queued job, on the server, of a customer that has none running. The partial
 * unique index on running jobs decides a race between two runners: the loser claims nothing this time.
 */
export async function claimNextJob(
  db: Database,
  server: ServerRef,
  runner: string,
  now: Date,
): Promise<BackupJob | null> {
  try {
    return await db.transaction(async (tx) => {
      const [next] = await tx
        .select()
        .from(backupJobs)
        .where(
          and(
            eq(backupJobs.state, 'queued'),
            jobOnServer(server),
            sql`not exists (select 1 from backup_jobs running
              where running.customer_id = ${backupJobs.customerId} and running.state = 'running')`,
          ),
        )
        .orderBy(asc(backupJobs.createdAt), asc(backupJobs.id))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!next) return null;
      const [claimed] = await tx
        .update(backupJobs)
        .set({ state: 'running', runner, startedAt: now, progress: 'starting' })
        .where(eq(backupJobs.id, next.id))
        .returning();
      return claimed ?? null;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'backup_jobs_one_running_key')) return null;
    throw error;
  }
}

export async function reportProgress(db: Queryable, jobId: string, progress: string): Promise<void> {
  await db.update(backupJobs).set({ progress }).where(eq(backupJobs.id, jobId));
}

/** Ends a job and, for a backup, its backup row, in one transaction. */
export async function finishJob(
  db: Database,
  job: BackupJob,
  outcome: { error: string | null; backup?: Partial<typeof backups.$inferInsert> },
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(backupJobs)
      .set({
        state: outcome.error ? 'failed' : 'done',
        error: outcome.error,
        progress: null,
        finishedAt: now,
      })
      .where(and(eq(backupJobs.id, job.id), eq(backupJobs.state, 'running')));
    if (job.kind === 'backup' && job.backupId) {
      await tx
        .update(backups)
        .set({
          ...outcome.backup,
          state: outcome.error ? 'failed' : 'ready',
          error: outcome.error,
          finishedAt: now,
        })
        .where(eq(backups.id, job.backupId));
    }
  });
}

/** The server's jobs marked running: on start, those of a runner that died are failed and cleaned up. */
export function runningJobs(db: Queryable, server: ServerRef): Promise<BackupJob[]> {
  return db
    .select()
    .from(backupJobs)
    .where(and(eq(backupJobs.state, 'running'), jobOnServer(server)));
}

/** One job running on the server: what an agent names must be its own server's. */
export async function runningJob(db: Queryable, server: ServerRef, jobId: string): Promise<BackupJob | null> {
  const [job] = await db
    .select()
    .from(backupJobs)
    .where(and(eq(backupJobs.id, jobId), eq(backupJobs.state, 'running'), jobOnServer(server)));
  return job ?? null;
}
