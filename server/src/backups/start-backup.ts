import { and, eq, gt, inArray } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { lockCustomer } from '../customers/customer-rules.js';
import type { Queryable } from '../db/database.js';
import { conflict } from '../errors/problem.js';
import { announceBackupJob } from './announce-backup-job.js';
import { mayBackUp } from './backup-policy.js';
import { backupJobs, backups, type backupTriggers } from './backups.table.js';

export type BackupTrigger = (typeof backupTriggers)[number];

/**
 * Inside the caller's transaction: the backup row, its job and `backup.started`. The runner
 * takes the job once the caller has committed and emitted `backupJobQueued`.
 */
export async function queueBackup(
  tx: Queryable,
  ctx: Context,
  customerId: string,
  trigger: BackupTrigger,
  /** Where it runs when not on the customer's own server (a move's, on its source). */
  serverId: string | null = null,
) {
  const [created] = await tx
    .insert(backups)
    .values({ customerId, trigger, createdAt: ctx.now() })
    .returning();
  if (!created) throw new Error('the backup row was not created');
  await tx
    .insert(backupJobs)
    .values({ customerId, kind: 'backup', backupId: created.id, serverId, createdAt: ctx.now() });
  await record(tx, ctx, {
    action: 'backup.started',
    customerId,
    target: { type: 'backup', id: created.id },
    details: { trigger },
  });
  return created;
}

/**
 * Queues a backup of the customer and answers at once; the backup runner takes it. One backup of
 * a customer waits or runs at a time (409 while one does), none while the customer is deleted or
 * being moved (409, backup-policy.ts; the schedule's sweep skips it). Audited as `backup.started`. With
 * `scheduledSince` (the schedule's sweep) it is queued only if the customer has had no scheduled
 * backup since then, checked under the customer's lock: two panels sweeping at once queue one,
 * even when the first is done before the second looks (409 `not-due`).
 */
export async function startBackup(
  ctx: Context,
  customerId: string,
  trigger: BackupTrigger = 'manual',
  options: { scheduledSince?: Date } = {},
) {
  const backup = await ctx.db.transaction(async (tx) => {
    const customer = await lockCustomer(tx, ctx.actor, customerId);
    enforce(mayBackUp(ctx.actor, customer));
    const [pending] = await tx
      .select({ id: backupJobs.id })
      .from(backupJobs)
      .where(
        and(
          eq(backupJobs.customerId, customer.id),
          eq(backupJobs.kind, 'backup'),
          inArray(backupJobs.state, ['queued', 'running']),
        ),
      );
    if (pending) throw conflict('A backup of this customer is already under way.', 'backup-running');
    if (options.scheduledSince) {
      const [recent] = await tx
        .select({ id: backups.id })
        .from(backups)
        .where(
          and(
            eq(backups.customerId, customer.id),
            eq(backups.trigger, 'scheduled'),
            gt(backups.createdAt, options.scheduledSince),
          ),
        );
      if (recent) throw conflict('This customer has had its scheduled backup.', 'not-due');
    }
    return queueBackup(tx, ctx, customer.id, trigger);
  });
  await announceBackupJob(ctx);
  return backup;
}
