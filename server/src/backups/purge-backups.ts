import { and, eq } from 'drizzle-orm';
import type { CustomerRow } from '../access/visible-customer.js';
import type { Context } from '../context.js';
import type { Transaction } from '../db/database.js';
import { readBackupSettings } from '../settings/settings.queries.js';
import { backupJobs, backups } from './backups.table.js';
import { destroyRepository } from './customer-repository.js';
import { keepRepository } from './kept-repositories.js';

/**
 * A purge's backups step: the customer's backup rows go and its repository with its key is
 * destroyed, or, with the backup setting `keepAfterPurgeDays` on, kept that many days under
 * `purged/` (kept-repositories.ts); no other customer's repository is touched. A job running on
 * the repository is waited for (the runner wakes the purge when it ends); queued ones are dropped.
 */
export async function purgeCustomerBackups(
  tx: Transaction,
  ctx: Context,
  customer: CustomerRow,
  backupDir: string,
): Promise<'done' | 'waiting'> {
  const mine = eq(backupJobs.customerId, customer.id);
  const [running] = await tx
    .select({ id: backupJobs.id })
    .from(backupJobs)
    .where(and(mine, eq(backupJobs.state, 'running')));
  if (running) return 'waiting';
  await tx.delete(backupJobs).where(mine);
  await tx.delete(backups).where(eq(backups.customerId, customer.id));
  const { keepAfterPurgeDays } = await readBackupSettings(tx);
  if (keepAfterPurgeDays > 0 && (await keepRepository(tx, ctx, customer, backupDir, keepAfterPurgeDays))) {
    return 'done';
  }
  await destroyRepository(tx, backupDir, customer.id);
  return 'done';
}
