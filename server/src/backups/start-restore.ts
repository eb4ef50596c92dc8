import { and, eq } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { lockCustomer } from '../customers/customer-rules.js';
import { conflict, notFound } from '../errors/problem.js';
import { announceBackupJob } from './announce-backup-job.js';
import { backupParts } from './backup-parts.js';
import { mayRestoreBackup } from './backup-policy.js';
import type { BackupParams, RestoreBody } from './backups.schemas.js';
import { backupJobs, backups } from './backups.table.js';

/**
 * Queues the restore of a finished backup, whole or by parts; the backup runner carries it out
 * after any job of the customer before it. Refused (409) while the customer is suspended, deleted
 * or being moved, and for a backup that is not ready. Audited as `backup.restore_started`.
 */
export async function startRestore(ctx: Context, params: BackupParams, body: RestoreBody) {
  const job = await ctx.db.transaction(async (tx) => {
    const customer = await lockCustomer(tx, ctx.actor, params.id);
    const [backup] = await tx
      .select()
      .from(backups)
      .where(and(eq(backups.id, params.backupId), eq(backups.customerId, customer.id)));
    if (!backup) throw notFound('Backup');
    enforce(mayRestoreBackup(ctx.actor, customer));
    if (backup.state !== 'ready')
      throw conflict(`This backup is ${backup.state}; only a ready one restores.`, 'backup-not-ready');
    const wanted: readonly string[] = body.parts ?? backupParts;
    const parts = backupParts.filter((part) => wanted.includes(part));
    const [queued] = await tx
      .insert(backupJobs)
      .values({ customerId: customer.id, kind: 'restore', backupId: backup.id, parts, createdAt: ctx.now() })
      .returning();
    if (!queued) throw new Error('the restore job was not queued');
    await record(tx, ctx, {
      action: 'backup.restore_started',
      customerId: customer.id,
      target: { type: 'backup', id: backup.id },
      details: { parts, backupCreatedAt: backup.createdAt },
    });
    return queued;
  });
  await announceBackupJob(ctx);
  return job;
}
