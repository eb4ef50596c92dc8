import { eq, sql } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import type { CustomerRow } from '../access/visible-customer.js';
import { record } from '../audit/record.js';
import { revokeAccess } from '../auth/sessions.js';
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

/** Wakes the purge worker (and the reconciler, which removes the customer's resources). */
export function announcePurge(ctx: Context, customerId: string) {
  wakeReconciler(ctx);
  ctx.signals.emit('purgeRequested', customerId);
}

/**
 * Starts the permanent deletion of a soft-deleted customer (409 for any other status). Lock
 * first, destroy second: this commits the mark, then `purgeCustomer` (run by the purge worker)
 * removes everything. Asking again while it runs changes nothing.
 * `onlyIfDue` (the scheduler) re-checks under the lock that `purgeAfter` has passed.
 */
export async function startCustomerPurge(
  ctx: Context,
  id: string,
  options: { onlyIfDue?: boolean } = {},
): Promise<Customer> {
  const customer = await ctx.db.transaction(async (tx) => {
    const current = await lockCustomer(tx, ctx.actor, id);
    enforce(mayPurgeCustomer(ctx.actor, current));
    if (!current.purgeStartedAt) {
      const due = current.purgeAfter !== null && current.purgeAfter <= ctx.now();
      if (options.onlyIfDue && !due) throw conflict('This customer is not due for purging.', 'not-due');
      await markPurgeStarted(tx, ctx, current, options.onlyIfDue ? 'retention period over' : 'requested');
    }
    return customerView(tx, ctx.actor, id);
  });
  announcePurge(ctx, id);
  return customer;
}
