import { and, eq } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { lockCustomer } from '../customers/customer-rules.js';
import { conflict, notFound } from '../errors/problem.js';
import { announceBackupJob } from './announce-backup-job.js';
import { mayBackUp } from './backup-policy.js';
import type { BackupParams } from './backups.schemas.js';
import { backupJobs, backups } from './backups.table.js';

/**
 * Deletes a backup: its row goes at once, and a `forget` job removes its snapshots and the data
 * only they held from the repository (a prune, which must not run beside the customer's other
 * jobs). A backup still running cannot be deleted (409). Audited as `backup.deleted`.
 */
export async function deleteBackup(ctx: Context, params: BackupParams): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const customer = await lockCustomer(tx, ctx.actor, params.id);
    enforce(mayBackUp(ctx.actor, customer));
    const [backup] = await tx
      .select()
      .from(backups)
      .where(and(eq(backups.id, params.backupId), eq(backups.customerId, customer.id)))
      .for('update');
    if (!backup) throw notFound('Backup');
    if (backup.state === 'running') throw conflict('This backup is still running.', 'backup-running');
    await tx.delete(backups).where(eq(backups.id, backup.id));
    const snapshotIds = backup.snapshots.map((snapshot) => snapshot.snapshotId);
    if (snapshotIds.length > 0) {
      await tx
        .insert(backupJobs)
        .values({ customerId: customer.id, kind: 'forget', parts: snapshotIds, createdAt: ctx.now() });
    }
    await record(tx, ctx, {
      action: 'backup.deleted',
      customerId: customer.id,
      target: { type: 'backup', id: backup.id },
      details: { createdAt: backup.createdAt, trigger: backup.trigger, contents: backup.contents },
    });
  });
  await announceBackupJob(ctx);
}
