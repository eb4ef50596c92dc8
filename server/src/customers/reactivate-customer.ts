import { eq, sql } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
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

/** The reactivation inside the caller's transaction (the bulk action's too): row and audit. */
export async function markReactivated(tx: Queryable, ctx: Context, id: string) {
  const current = await lockCustomer(tx, ctx.actor, id);
  enforce(mayReactivateCustomer(ctx.actor, current));
  await tx
    .update(customers)
    .set({
      status: 'active',
      suspendedAt: null,
      suspendReason: null,
      version: sql`${customers.version} + 1`,
      updatedAt: ctx.now(),
    })
    .where(eq(customers.id, id));
  await record(tx, ctx, {
    action: 'customer.reactivated',
    customerId: id,
    resellerId: current.resellerId,
    target: { type: 'customer', id },
    details: { suspendedAt: current.suspendedAt, reason: current.suspendReason },
  });
}
