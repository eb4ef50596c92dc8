import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { enforce } from '../access/policy.js';
import { type CustomerRow, visibleCustomer } from '../access/visible-customer.js';
import type { Context } from '../context.js';
import { mayChangeCustomerResources } from '../customers/customer-policy.js';
import { lockCustomer } from '../customers/customer-rules.js';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { notFound } from '../errors/problem.js';
import { movingCustomers } from '../moves/moving-customers.js';
import { neverAppliedOnServers, type ServedByRole } from '../provisioning/served-by-role.js';
import { recordResourceEvent } from './resource-audit.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from './resource-changes.js';
import type { AnyResourceKind, HostedIds, HostedTable, RowOf } from './resource-kind.js';

// The rules every hosted resource of a customer follows, whatever its kind: scoped to a customer
// the actor may see, counted on the customer row, switched on and off by the customer's own
// `enabled`, removed by the reconciler after a delete, audited.

type Row<Kind extends AnyResourceKind> = RowOf<Kind['table']>;

/** A live (not removed) resource of a customer the actor may see; 404 otherwise. */
export async function visibleHosted<Kind extends AnyResourceKind>(
  kind: Kind,
  db: Queryable,
  actor: Actor,
  ids: HostedIds,
  options: { lock?: boolean } = {},
): Promise<{ customer: CustomerRow; resource: Row<Kind> }> {
  const customer = await visibleCustomer(db, actor, ids.customerId, options);
  const table: HostedTable = kind.table;
  const query = db
    .select()
    .from(table)
    .where(and(eq(table.id, ids.resourceId), eq(table.customerId, customer.id), isNull(table.removedAt)));
  const [resource] = options.lock ? await query.for('update') : await query;
  if (!resource) throw notFound(kind.title);
  return { customer, resource: resource as Row<Kind> };
}

/** Locks the customer for a new resource: it must be visible, not soft-deleted and not being moved. */
export async function customerForNewHosted(db: Queryable, actor: Actor, customerId: string) {
  const customer = await lockCustomer(db, actor, customerId);
  enforce(mayChangeCustomerResources(actor, customer));
  return customer;
}

/**
 * A resource locked with its customer for a change or a delete: visible (404 otherwise), and its
 * customer not soft-deleted (409: a deleted customer is read-only until restored) nor being moved
 * (409, read after the lock: a move starts under it).
 */
export async function changeableHosted<Kind extends AnyResourceKind>(
  kind: Kind,
  tx: Queryable,
  actor: Actor,
  ids: HostedIds,
): Promise<{ customer: CustomerRow; resource: Row<Kind> }> {
  const found = await visibleHosted(kind, tx, actor, ids, { lock: true });
  const moving = (await movingCustomers(tx, [found.customer.id])).has(found.customer.id);
  enforce(mayChangeCustomerResources(actor, { ...found.customer, moving }));
  return found;
}

/** Keeps the customer's count of a kind in step, in the transaction that adds or removes one. */
export async function countOnCustomer(
  tx: Queryable,
  kind: AnyResourceKind,
  customerId: string,
  change: number,
) {
  if (change === 0) return;
  await tx
    .update(customers)
    .set({ [kind.counter]: sql`${customers[kind.counter]} + ${change}` })
    .where(eq(customers.id, customerId));
}

/**
 * Inside the transaction that inserted `resource`: counts it on the customer, audits it, and tells
 * other processes' reconcilers. The caller wakes this process's reconciler after commit.
 */
export async function recordHostedCreated<Kind extends AnyResourceKind>(
  tx: Queryable,
  ctx: Context,
  kind: Kind,
  customer: CustomerRow,
  resource: Row<Kind>,
) {
  await countOnCustomer(tx, kind, customer.id, 1);
  await recordResourceEvent(tx, ctx, kind, { verb: 'created', customer, resource });
  await notifyReconcilers(tx);
}

/**
 * Changes a resource under its customer's lock: `plan` gets the locked row and answers the columns
 * to set and the audit details, or null when nothing would change (no write, no event).
 */
export async function updateHosted<Kind extends AnyResourceKind>(
  ctx: Context,
  kind: Kind,
  ids: HostedIds,
  plan: (resource: Row<Kind>) => { set: Record<string, unknown>; details: Record<string, unknown> } | null,
) {
  const table: HostedTable = kind.table;
  const updated = await ctx.db.transaction(async (tx) => {
    const { customer, resource } = await changeableHosted(kind, tx, ctx.actor, ids);
    const change = plan(resource);
    if (!change) return { customer, resource };
    const [changed] = await tx
      .update(table)
      .set({ ...change.set, ...desiredChange(ctx.now()) })
      .where(eq(table.id, resource.id))
      .returning();
    await recordResourceEvent(tx, ctx, kind, { verb: 'updated', customer, resource }, change.details);
    await notifyReconcilers(tx);
    return { customer, resource: (changed ?? resource) as Row<Kind> };
  });
  wakeReconciler(ctx);
  return updated;
}

/**
 * Rows its service never applied and no reconciler is applying now: nothing of them exists
 * outside the database, so deleting one (or purging its customer) removes the row at once
 * instead of waiting for a service that may not even be configured. A failed attempt may have
 * left something behind, so an `error` row still goes through the reconciler.
 */
export function neverApplied(kind: { table: HostedTable; servedBy?: ServedByRole }, now: Date) {
  const { table, servedBy } = kind;
  return and(
    isNull(table.appliedState),
    ne(table.provisioningState, 'error'),
    or(isNull(table.claimedUntil), lt(table.claimedUntil, now)),
    // Served by every server of a role: never applied by any of them either.
    servedBy ? neverAppliedOnServers(servedBy, table, now) : undefined,
  );
}
