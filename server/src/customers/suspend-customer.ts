import { inArray, sql } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import type { CustomerRow } from '../access/visible-customer.js';
import { recordAll } from '../audit/record.js';
import { revokeAccess } from '../auth/sessions.js';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import { maySuspendCustomer } from './customer-policy.js';
import { cleanReason, lockCustomer } from './customer-rules.js';
import { customerView } from './customers.queries.js';
import type { Customer } from './customers.schemas.js';

/**
 * Suspends an active customer (409 otherwise): its sessions and API tokens stop at once, and its
 * resources go dark through the reconciler, which derives that from the status — no resource's
 * own `enabled` switch is touched, so reactivating restores exactly what was on.
 */
export async function suspendCustomer(
  ctx: Context,
  id: string,
  input: { reason?: string | null } = {},
): Promise<Customer> {
  const reason = cleanReason(input.reason);
  const customer = await ctx.db.transaction(async (tx) => {
    await markSuspended(tx, ctx, id, reason);
    await notifyReconcilers(tx);
    return customerView(tx, ctx.actor, id);
  });
  wakeReconciler(ctx);
  return customer;
}

/** The suspension inside the caller's transaction: row, access, audit. */
export async function markSuspended(tx: Queryable, ctx: Context, id: string, reason: string | null) {
  const current = await lockCustomer(tx, ctx.actor, id);
  enforce(maySuspendCustomer(ctx.actor, current));
  await suspendLocked(tx, ctx, [current], reason);
}

/**
 * Suspends customers already locked and allowed (maySuspendCustomer), in a few statements
 * however many there are: the single call's one, or a bulk action's group.
 */
export async function suspendLocked(
  tx: Queryable,
  ctx: Context,
  locked: readonly CustomerRow[],
  reason: string | null,
) {
  if (locked.length === 0) return;
  const now = ctx.now();
  await tx
    .update(customers)
    .set({
      status: 'suspended',
      suspendedAt: now,
      suspendReason: reason,
      version: sql`${customers.version} + 1`,
      updatedAt: now,
    })
    .where(
      inArray(
        customers.id,
        locked.map((customer) => customer.id),
      ),
    );
  await revokeAccess(tx, ...locked.map((customer) => customer.userId));
  await recordAll(
    tx,
    ctx,
    locked.map((customer) => ({
      action: 'customer.suspended' as const,
      customerId: customer.id,
      resellerId: customer.resellerId,
      target: { type: 'customer' as const, id: customer.id },
      details: { reason },
    })),
  );
}
