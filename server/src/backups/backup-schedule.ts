import { and, desc, eq, sql } from 'drizzle-orm';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { Problem } from '../errors/problem.js';
import { readBackupSettings } from '../settings/settings.queries.js';
import type { BackupSettings } from '../settings/settings.schemas.js';
import { backups } from './backups.table.js';
import { deleteBackup } from './delete-backup.js';
import { startBackup } from './start-backup.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Customers queued per sweep: the rest are due at the next one. */
const BATCH = 100;

/**
 * With the daily schedule on, queues a scheduled backup of every customer that is not deleted,
 * has had no scheduled backup for 24 hours and has none waiting or running. Another Keel
 * process queuing the same customer meanwhile is refused by startBackup's checks under the
 * customer's lock, and skipped.
 */
export async function queueDueBackups(ctx: Context): Promise<number> {
  const settings = await readBackupSettings(ctx.db);
  if (settings.schedule !== 'daily') return 0;
  const since = new Date(ctx.now().getTime() - DAY_MS);
  const due = await ctx.db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        sql`${customers.status} <> 'deleted'`,
        sql`not exists (select 1 from backups b where b.customer_id = ${customers.id}
          and b.trigger = 'scheduled' and b.created_at > ${since})`,
        sql`not exists (select 1 from backup_jobs j where j.customer_id = ${customers.id}
          and j.kind = 'backup' and j.state in ('queued', 'running'))`,
      ),
    )
    .limit(BATCH);
  let queued = 0;
  for (const customer of due) {
    try {
      await startBackup(ctx, customer.id, 'scheduled', { scheduledSince: since });
      queued += 1;
    } catch (error) {
      if (!(error instanceof Problem && error.status === 409)) throw error;
    }
  }
  return queued;
}

/** The UTC day, and the Monday-based week, a time falls in. */
const dayOf = (at: Date) => Math.floor(at.getTime() / DAY_MS);
const weekOf = (at: Date) => Math.floor((dayOf(at) + 3) / 7);

/**
 * Which scheduled backups the retention keeps, newest first: the newest of each of the last
 * `keepDaily` days that have one, and the newest of each of the last `keepWeekly` weeks.
 */
export function keptByRetention<Backup extends { id: string; createdAt: Date }>(
  newestFirst: Backup[],
  settings: Pick<BackupSettings, 'keepDaily' | 'keepWeekly'>,
): Set<string> {
  const kept = new Set<string>();
  const pick = (period: (at: Date) => number, count: number) => {
    const seen = new Set<number>();
    for (const backup of newestFirst) {
      if (seen.size >= count) break;
      const key = period(backup.createdAt);
      if (seen.has(key)) continue;
      seen.add(key);
      kept.add(backup.id);
    }
  };
  pick(dayOf, settings.keepDaily);
  pick(weekOf, settings.keepWeekly);
  return kept;
}

/** Deletes the customer's ready scheduled backups the retention does not keep; manual ones stay. */
export async function applyRetention(ctx: Context, customerId: string): Promise<number> {
  const settings = await readBackupSettings(ctx.db);
  const scheduled = await ctx.db
    .select({ id: backups.id, createdAt: backups.createdAt })
    .from(backups)
    .where(
      and(eq(backups.customerId, customerId), eq(backups.trigger, 'scheduled'), eq(backups.state, 'ready')),
    )
    .orderBy(desc(backups.createdAt), desc(backups.id));
  const kept = keptByRetention(scheduled, settings);
  const past = scheduled.filter((backup) => !kept.has(backup.id));
  for (const backup of past) await deleteBackup(ctx, { id: customerId, backupId: backup.id });
  return past.length;
}
