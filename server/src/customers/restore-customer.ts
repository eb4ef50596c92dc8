import { eq, sql } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import { mayRestoreCustomer } from './customer-policy.js';
import { lockCustomer } from './customer-rules.js';
import { customerView } from './customers.queries.js';
import type { Customer } from './customers.schemas.js';

/**
 * Returns a soft-deleted customer to the status it had before (a suspended one stays suspended
 * with its reason). 409 unless deleted, and once its purge has started.
 */
export async function restoreCustomer(ctx: Context, id: string): Promise<Customer> {
  const customer = await ctx.db.transaction(async (tx) => {
    await markRestored(tx, ctx, id);
    await notifyReconcilers(tx);
    return customerView(tx, ctx.actor, id);
  });
  wakeReconciler(ctx);
  return customer;
}

/** The restore inside the caller's transaction (the bulk action's too): row and audit. */
export async function markRestored(tx: Queryable, ctx: Context, id: string) {
  const current = await lockCustomer(tx, ctx.actor, id);
  enforce(mayRestoreCustomer(ctx.actor, current));
  const status = current.statusBeforeDelete ?? 'active';
  await tx
    .update(customers)
    .set({
      status,
      statusBeforeDelete: null,
      deletedAt: null,
      purgeAfter: null,
      version: sql`${customers.version} + 1`,
      updatedAt: ctx.now(),
    })
    .where(eq(customers.id, id));
  await record(tx, ctx, {
    action: 'customer.restored',
    customerId: id,
    resellerId: current.resellerId,
    target: { type: 'customer', id },
    details: { status, deletedAt: current.deletedAt },
  });
}
