import { eq, sql } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
import { revokeAccess } from '../auth/sessions.js';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import { readPlatformSettings } from '../settings/settings.queries.js';
import { mayDeleteCustomer } from './customer-policy.js';
import { lockCustomer } from './customer-rules.js';
import { customerView } from './customers.queries.js';
import type { Customer } from './customers.schemas.js';
import { announcePurge, beginPurge } from './start-customer-purge.js';

const dayMs = 86_400_000;

/**
 * Soft-deletes a customer: login refused, sessions and tokens revoked, impersonations of it
 * ended, resources down (derived by the reconciler), data and email kept until
 * `purgeAfter = now + permanentDeleteAfterDays`. With 0 days the purge starts in the same
 * transaction (`purgeStarted`: the route answers 202).
 */
export async function deleteCustomer(
  ctx: Context,
  id: string,
): Promise<{ customer: Customer; purgeStarted: boolean }> {
  const result = await ctx.db.transaction(async (tx) => {
    const { purgeStarted } = await markDeleted(tx, ctx, id);
    await notifyReconcilers(tx);
    return { customer: await customerView(tx, ctx.actor, id), purgeStarted };
  });
  if (result.purgeStarted) announcePurge(ctx, id);
  else wakeReconciler(ctx);
  return result;
}

/**
 * The soft delete inside the caller's transaction (the bulk action's too): row, access, audit,
 * and the purge's start with 0 days of retention. The caller announces a started purge after
 * its commit.
 */
export async function markDeleted(
  tx: Queryable,
  ctx: Context,
  id: string,
): Promise<{ purgeStarted: boolean }> {
  const current = await lockCustomer(tx, ctx.actor, id);
  enforce(mayDeleteCustomer(ctx.actor, current));
  const { permanentDeleteAfterDays } = await readPlatformSettings(tx);
  const now = ctx.now();
  const purgeAfter = new Date(now.getTime() + permanentDeleteAfterDays * dayMs);
  await tx
    .update(customers)
    .set({
      status: 'deleted',
      statusBeforeDelete: current.status,
      deletedAt: now,
      purgeAfter,
      version: sql`${customers.version} + 1`,
      updatedAt: now,
    })
    .where(eq(customers.id, id));
  await revokeAccess(tx, current.userId);
  // Impersonations of the customer end on their next request, where resolve-actor finds the
  // right lost and records impersonation.ended.
  await record(tx, ctx, {
    action: 'customer.deleted',
    customerId: id,
    resellerId: current.resellerId,
    target: { type: 'customer', id },
    details: { previousStatus: current.status, purgeAfter, retentionDays: permanentDeleteAfterDays },
  });
  const purgeStarted = permanentDeleteAfterDays === 0;
  if (purgeStarted) {
    const deleted = { ...current, status: 'deleted' as const, deletedAt: now, purgeAfter };
    await beginPurge(tx, ctx, deleted, 'deleted with 0 days of retention', { retryFailed: true });
  }
  return { purgeStarted };
}
