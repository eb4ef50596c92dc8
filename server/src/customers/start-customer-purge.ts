import { eq, sql } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import type { CustomerRow } from '../access/visible-customer.js';
import { record } from '../audit/record.js';
import { revokeAccess } from '../auth/sessions.js';
import { finalBackupBeforePurge } from '../backups/final-backup.js';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { conflict } from '../errors/problem.js';
import { notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import { mayPurgeCustomer } from './customer-policy.js';
import { lockCustomer } from './customer-rules.js';
import { customerView } from './customers.queries.js';
import type { Customer } from './customers.schemas.js';

/**
 * Marks a locked, soft-deleted customer as purging: from here on it cannot be restored, and the
 * reconciler takes its resources down. Audited as `customer.purge_started` with who asked.
 */
export async function markPurgeStarted(tx: Queryable, ctx: Context, customer: CustomerRow, reason: string) {
  const now = ctx.now();
  await tx
    .update(customers)
    .set({ purgeStartedAt: now, version: sql`${customers.version} + 1`, updatedAt: now })
    .where(eq(customers.id, customer.id));
  await revokeAccess(tx, customer.userId);
  await record(tx, ctx, {
    action: 'customer.purge_started',
    customerId: customer.id,
    resellerId: customer.resellerId,
    target: { type: 'customer', id: customer.id },
    details: { email: customer.email, reason },
  });
  await notifyReconcilers(tx);
}

/**
 * Starts the purge of a locked, soft-deleted customer, or first its final backup when the
 * platform keeps one (backup setting `keepAfterPurgeDays`): until that backup is ready nothing is
 * destroyed, and `purgeAfter` becomes now so the purge scheduler starts the purge once it is. A
 * final backup that failed stops the purge (409 `final-backup-failed`, with the backup's error)
 * rather than destroying data that has no copy; a person asking again (`retryFailed`) takes
 * another. Answers `started`, `final-backup-queued` when it queued the final backup, or
 * `final-backup-under-way` when one was already being taken (nothing changed: nothing to announce).
 */
export async function beginPurge(
  tx: Queryable,
  ctx: Context,
  customer: CustomerRow,
  reason: string,
  options: { retryFailed: boolean },
): Promise<'started' | 'final-backup-queued' | 'final-backup-under-way'> {
  const final = await finalBackupBeforePurge(tx, ctx, customer, options);
  if (final.state === 'failed') {
    throw conflict(
      `The final backup before the permanent deletion failed: ${final.error.replace(/\.$/, '')}. Nothing was deleted; ask for the permanent deletion again to retry it, or set keepAfterPurgeDays to 0 to purge without one.`,
      'final-backup-failed',
    );
  }
  if (final.state === 'taking') return 'final-backup-under-way';
  if (final.state === 'queued-now') {
    const now = ctx.now();
    if (!customer.purgeAfter || customer.purgeAfter > now) {
      await tx
        .update(customers)
        .set({ purgeAfter: now, version: sql`${customers.version} + 1`, updatedAt: now })
        .where(eq(customers.id, customer.id));
    }
    return 'final-backup-queued';
  }
  await markPurgeStarted(tx, ctx, customer, reason);
  return 'started';
}

/**
 * Wakes the purge worker, the reconciler (which removes the customer's resources) and the backup
 * runner (which takes a final backup the purge may wait for).
 */
export function announcePurge(ctx: Context, customerId: string) {
  wakeReconciler(ctx);
  ctx.signals.emit('backupJobQueued');
  ctx.signals.emit('purgeRequested', customerId);
}

/**
 * Starts the permanent deletion of a soft-deleted customer (409 for any other status). Lock
 * first, destroy second: this commits the mark, then `purgeCustomer` (run by the purge worker)
 * removes everything. Asking again while it runs changes nothing. With a final backup kept, the
 * mark waits for that backup (beginPurge).
 * `onlyIfDue` (the scheduler) re-checks under the lock that `purgeAfter` has passed, and does not
 * retry a failed final backup by itself.
 */
export async function startCustomerPurge(
  ctx: Context,
  id: string,
  options: { onlyIfDue?: boolean } = {},
): Promise<Customer> {
  const { customer, begun } = await ctx.db.transaction(async (tx) => {
    const current = await lockCustomer(tx, ctx.actor, id);
    enforce(mayPurgeCustomer(ctx.actor, current));
    let begun: Awaited<ReturnType<typeof beginPurge>> | 'already-started' = 'already-started';
    if (!current.purgeStartedAt) {
      const due = current.purgeAfter !== null && current.purgeAfter <= ctx.now();
      if (options.onlyIfDue && !due) throw conflict('This customer is not due for purging.', 'not-due');
      begun = await beginPurge(tx, ctx, current, options.onlyIfDue ? 'retention period over' : 'requested', {
        retryFailed: !options.onlyIfDue,
      });
    }
    return { customer: await customerView(tx, ctx.actor, id), begun };
  });
  // The scheduler asks at every sweep while a final backup is taken: waking it again would loop.
  if (begun !== 'final-backup-under-way') announcePurge(ctx, id);
  return customer;
}
