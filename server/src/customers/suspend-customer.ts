import { eq, sql } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
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

/** The suspension inside the caller's transaction (the bulk action's too): row, access, audit. */
export async function markSuspended(tx: Queryable, ctx: Context, id: string, reason: string | null) {
  const current = await lockCustomer(tx, ctx.actor, id);
  enforce(maySuspendCustomer(ctx.actor, current));
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
    .where(eq(customers.id, id));
  await revokeAccess(tx, current.userId);
  await record(tx, ctx, {
    action: 'customer.suspended',
    customerId: id,
    resellerId: current.resellerId,
    target: { type: 'customer', id },
    details: { reason },
  });
}
