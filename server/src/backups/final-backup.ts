import { and, desc, eq, gte } from 'drizzle-orm';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { readBackupSettings } from '../settings/settings.queries.js';
import { backups } from './backups.table.js';
import { queueBackup } from './start-backup.js';

/**
 * Where a purge stands with its final backup: `not-kept` when the platform keeps nothing after a
 * purge (backup setting `keepAfterPurgeDays` 0), `none` when none was taken since the deletion,
 * `ready` when one is ready, `taking` while one waits or runs (`queued-now` when this call queued
 * it), `failed` (with why) when the last failed.
 */
export type FinalBackup =
  | { state: 'not-kept' | 'none' | 'ready' | 'taking' | 'queued-now' }
  | { state: 'failed'; backupId: string; error: string };

/** The customer's last `before-purge` backup since `since` (its deletion), as the purge sees it. */
export async function finalBackupSince(db: Queryable, customerId: string, since: Date): Promise<FinalBackup> {
  const { keepAfterPurgeDays } = await readBackupSettings(db);
  if (keepAfterPurgeDays === 0) return { state: 'not-kept' };
  const [last] = await db
    .select({ id: backups.id, state: backups.state, error: backups.error })
    .from(backups)
    .where(
      and(
        eq(backups.customerId, customerId),
        eq(backups.trigger, 'before-purge'),
        gte(backups.createdAt, since),
      ),
    )
    .orderBy(desc(backups.createdAt), desc(backups.id))
    .limit(1);
  if (!last) return { state: 'none' };
  if (last.state === 'failed') {
    return { state: 'failed', backupId: last.id, error: last.error ?? 'unknown error' };
  }
  return { state: last.state === 'ready' ? 'ready' : 'taking' };
}

/**
 * Before a purge destroys anything: with `keepAfterPurgeDays` on, the final backup must be ready.
 * None yet (or the last failed and `retryFailed`, a person asking again): one is queued in the
 * caller's transaction and the purge waits for it. Answers whether the purge may start now, or
 * the failed backup that stops it. The caller wakes the backup runner after its commit.
 */
export async function finalBackupBeforePurge(
  tx: Queryable,
  ctx: Context,
  customer: { id: string; deletedAt: Date | null },
  options: { retryFailed: boolean },
): Promise<FinalBackup> {
  const final = await finalBackupSince(tx, customer.id, customer.deletedAt ?? ctx.now());
  if (final.state !== 'none' && !(final.state === 'failed' && options.retryFailed)) return final;
  await queueBackup(tx, ctx, customer.id, 'before-purge');
  return { state: 'queued-now' };
}
