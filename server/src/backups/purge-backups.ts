import { and, eq } from 'drizzle-orm';
import type { Transaction } from '../db/database.js';
import { backupJobs, backups } from './backups.table.js';
import { destroyRepository } from './customer-repository.js';

/**
 * A purge's backups step: the customer's repository on disk, the key to it and its backup rows
 * go; no other customer's repository is touched. A job running on the repository is waited for
 * (the runner wakes the purge when it ends); queued ones are dropped.
 */
export async function purgeCustomerBackups(
  tx: Transaction,
  customerId: string,
  backupDir: string,
): Promise<'done' | 'waiting'> {
  const mine = eq(backupJobs.customerId, customerId);
  const [running] = await tx
    .select({ id: backupJobs.id })
    .from(backupJobs)
    .where(and(mine, eq(backupJobs.state, 'running')));
  if (running) return 'waiting';
  await tx.delete(backupJobs).where(mine);
  await tx.delete(backups).where(eq(backups.customerId, customerId));
  await destroyRepository(tx, backupDir, customerId);
  return 'done';
}
