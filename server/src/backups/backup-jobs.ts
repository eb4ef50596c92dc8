import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { backupJobs, backups } from './backups.table.js';

export type BackupJob = typeof backupJobs.$inferSelect;

/**
 * Takes the oldest queued job of a customer that has none running. The partial unique index on
 * running jobs decides a race between two Keel processes: the loser claims nothing this time.
 */
export async function claimNextJob(db: Database, runner: string, now: Date): Promise<BackupJob | null> {
  try {
    return await db.transaction(async (tx) => {
      const [next] = await tx
        .select()
        .from(backupJobs)
        .where(
          and(
            eq(backupJobs.state, 'queued'),
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
      .where(eq(backupJobs.id, job.id));
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

/** Jobs marked running: on start, those of a runner that died are failed and cleaned up. */
export function runningJobs(db: Queryable): Promise<BackupJob[]> {
  return db.select().from(backupJobs).where(eq(backupJobs.state, 'running'));
}
