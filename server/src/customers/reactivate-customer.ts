import { inArray, sql } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import type { CustomerRow } from '../access/visible-customer.js';
import { recordAll } from '../audit/record.js';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import { mayReactivateCustomer } from './customer-policy.js';
import { lockCustomer } from './customer-rules.js';
import { customerView } from './customers.queries.js';
import type { Customer } from './customers.schemas.js';

/** Reactivates a suspended customer (409 otherwise); its resources come back as they were. */
export async function reactivateCustomer(ctx: Context, id: string): Promise<Customer> {
  const customer = await ctx.db.transaction(async (tx) => {
    await markReactivated(tx, ctx, id);
    await notifyReconcilers(tx);
    return customerView(tx, ctx.actor, id);
  });
  wakeReconciler(ctx);
  return customer;
}

/** The reactivation inside the caller's transaction: row and audit. */
export async function markReactivated(tx: Queryable, ctx: Context, id: string) {
  const current = await lockCustomer(tx, ctx.actor, id);
  enforce(mayReactivateCustomer(ctx.actor, current));
  await reactivateLocked(tx, ctx, [current]);
}

/**
 * Reactivates customers already locked and allowed (mayReactivateCustomer), in a few statements
 * however many there are: the single call's one, or a bulk action's group.
 */
export async function reactivateLocked(tx: Queryable, ctx: Context, locked: readonly CustomerRow[]) {
  if (locked.length === 0) return;
  await tx
    .update(customers)
    .set({
      status: 'active',
      suspendedAt: null,
      suspendReason: null,
      version: sql`${customers.version} + 1`,
      updatedAt: ctx.now(),
    })
    .where(
      inArray(
        customers.id,
        locked.map((customer) => customer.id),
      ),
    );
  await recordAll(
    tx,
    ctx,
    locked.map((customer) => ({
      action: 'customer.reactivated' as const,
      customerId: customer.id,
      resellerId: customer.resellerId,
      target: { type: 'customer' as const, id: customer.id },
      details: { suspendedAt: customer.suspendedAt, reason: customer.suspendReason },
    })),
  );
}
