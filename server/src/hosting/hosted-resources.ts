import { and, asc, count, desc, eq, ilike, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../access/actor.js';
import { type CustomerRow, visibleCustomer } from '../access/visible-customer.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { parseSort } from '../contract/schemas.js';
import type { Queryable } from '../db/database.js';
import { likePattern } from '../db/like-pattern.js';
import { customers } from '../db/schema/customers.js';
import type { databases, dnsZones, websites } from '../db/schema/hosting.js';
import { conflict, notFound } from '../errors/problem.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from './resource-changes.js';

// The rules every hosted resource of a customer follows (websites, databases, DNS zones, and the
// kinds to come): scoped to a customer the actor may see, counted on the customer row, switched on and off
// by the customer's own `enabled`, removed by the reconciler after a soft delete, audited.

export type HostedTable = typeof websites | typeof databases | typeof dnsZones;

/** What tells one kind of hosted resource from another; the rules are the same for all. */
export interface HostedKind<Table extends HostedTable, SortField extends string> {
  /** The audit target type and action prefix: `website.created`, `database.deleted` … */
  noun: 'website' | 'database' | 'dns_zone';
  /** As a 404 names it: "Website not found". */
  title: string;
  table: Table;
  /** The customer's column counting this kind, which the customer list shows and sorts by. */
  counter: 'siteCount' | 'databaseCount' | 'dnsZoneCount';
  /** The list's sort fields and their columns; the id breaks ties. */
  sortColumns: Record<SortField, AnyPgColumn>;
  /** The order of a list asked for none. */
  defaultSort: SortField;
  /** The column `q` searches. */
  searchColumn: AnyPgColumn;
  /** What the audit log says about one, never a secret: `{ domain }`, `{ name, user }`. */
  describe(row: Table['$inferSelect']): Record<string, unknown>;
}

type AnyHostedKind = HostedKind<HostedTable, string>;
type RowOf<Kind extends AnyHostedKind> = Kind['table']['$inferSelect'];

export interface HostedIds {
  customerId: string;
  resourceId: string;
}

export interface HostedListQuery {
  page: number;
  perPage: number;
  q?: string;
  sort?: string;
}

/** A live (not removed) resource of a customer the actor may see; 404 otherwise. */
export async function visibleHosted<Kind extends AnyHostedKind>(
  kind: Kind,
  db: Queryable,
  actor: Actor,
  ids: HostedIds,
  options: { lock?: boolean } = {},
): Promise<{ customer: CustomerRow; resource: RowOf<Kind> }> {
  const customer = await visibleCustomer(db, actor, ids.customerId, options);
  const table = kind.table as HostedTable;
  const query = db
    .select()
    .from(table)
    .where(and(eq(table.id, ids.resourceId), eq(table.customerId, customer.id), isNull(table.removedAt)));
  const [resource] = options.lock ? await query.for('update') : await query;
  if (!resource) throw notFound(kind.title);
  return { customer, resource: resource as RowOf<Kind> };
}

/** One page of a customer's live resources of a kind, searched and sorted. */
export async function listHosted<Table extends HostedTable, SortField extends string>(
  kind: HostedKind<Table, SortField>,
  db: Queryable,
  actor: Actor,
  customerId: string,
  query: HostedListQuery,
) {
  const customer = await visibleCustomer(db, actor, customerId);
  const table = kind.table as HostedTable;
  // The list's schema admits only the kind's sort fields.
  const { field, descending } = parseSort<SortField>(query.sort, kind.defaultSort);
  const column = kind.sortColumns[field];
  const where = and(
    eq(table.customerId, customer.id),
    isNull(table.removedAt),
    query.q ? ilike(kind.searchColumn, likePattern(query.q)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(table)
      .where(where)
      .orderBy(descending ? desc(column) : asc(column), asc(table.id))
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage),
    db.select({ value: count() }).from(table).where(where),
  ]);
  return { customer, rows: rows as Table['$inferSelect'][], total: total?.value ?? 0 };
}

/** Locks the customer for a new resource: it must be visible, and not soft-deleted. */
export async function customerForNewHosted(db: Queryable, actor: Actor, customerId: string) {
  const customer = await visibleCustomer(db, actor, customerId, { lock: true });
  if (customer.status === 'deleted')
    throw conflict('The customer is deleted; restore it first.', 'customer-deleted');
  return customer;
}

async function countOnCustomer(tx: Queryable, kind: AnyHostedKind, customerId: string, change: 1 | -1) {
  const counter = customers[kind.counter];
  await tx
    .update(customers)
    .set({ [kind.counter]: sql`${counter} + ${change}` })
    .where(eq(customers.id, customerId));
}

/** The audit event of a change to a resource, in the change's transaction, for the customer's log. */
function auditHosted<Kind extends AnyHostedKind>(
  tx: Queryable,
  ctx: Context,
  kind: Kind,
  change: { verb: 'created' | 'updated' | 'deleted'; customer: CustomerRow; resource: RowOf<Kind> },
  details: Record<string, unknown> = {},
) {
  const { customer, resource } = change;
  return record(tx, ctx, {
    action: `${kind.noun}.${change.verb}`,
    customerId: customer.id,
    resellerId: customer.resellerId,
    target: { type: kind.noun, id: resource.id },
    details: { ...kind.describe(resource), ...details },
  });
}

/**
 * Inside the transaction that inserted `resource`: counts it on the customer, audits it, and tells
 * other processes' reconcilers. The caller wakes this process's reconciler after commit.
 */
export async function recordHostedCreated<Kind extends AnyHostedKind>(
  tx: Queryable,
  ctx: Context,
  kind: Kind,
  customer: CustomerRow,
  resource: RowOf<Kind>,
) {
  await countOnCustomer(tx, kind, customer.id, 1);
  await auditHosted(tx, ctx, kind, { verb: 'created', customer, resource });
  await notifyReconcilers(tx);
}

/**
 * Changes a resource under its customer's lock: `plan` gets the locked row and answers the columns
 * to set and the audit details, or null when nothing would change (no write, no event).
 */
export async function updateHosted<Kind extends AnyHostedKind>(
  ctx: Context,
  kind: Kind,
  ids: HostedIds,
  plan: (resource: RowOf<Kind>) => { set: Record<string, unknown>; details: Record<string, unknown> } | null,
) {
  const table = kind.table as HostedTable;
  const updated = await ctx.db.transaction(async (tx) => {
    const { customer, resource } = await visibleHosted(kind, tx, ctx.actor, ids, { lock: true });
    const change = plan(resource);
    if (!change) return { customer, resource };
    const [changed] = await tx
      .update(table)
      .set({ ...change.set, ...desiredChange(ctx.now()) })
      .where(eq(table.id, resource.id))
      .returning();
    await auditHosted(tx, ctx, kind, { verb: 'updated', customer, resource }, change.details);
    await notifyReconcilers(tx);
    return { customer, resource: (changed ?? resource) as RowOf<Kind> };
  });
  wakeReconciler(ctx);
  return updated;
}

/** Turns a resource on or off: the customer's own switch, kept apart from suspension. */
export function switchHosted<Kind extends AnyHostedKind>(
  ctx: Context,
  kind: Kind,
  ids: HostedIds,
  enabled: boolean,
) {
  return updateHosted(ctx, kind, ids, (resource) =>
    resource.enabled === enabled
      ? null
      : { set: { enabled }, details: { enabled: { from: resource.enabled, to: enabled } } },
  );
}

/**
 * Deletes a resource: it leaves the panel at once and the reconciler removes it from its service;
 * the row (and so its name) stays reserved until the service no longer has it.
 */
export async function removeHosted(ctx: Context, kind: AnyHostedKind, ids: HostedIds): Promise<void> {
  const table = kind.table as HostedTable;
  await ctx.db.transaction(async (tx) => {
    const { customer, resource } = await visibleHosted(kind, tx, ctx.actor, ids, { lock: true });
    await tx
      .update(table)
      .set({ removedAt: ctx.now(), ...desiredChange(ctx.now()) })
      .where(eq(table.id, resource.id));
    await countOnCustomer(tx, kind, customer.id, -1);
    await auditHosted(tx, ctx, kind, { verb: 'deleted', customer, resource });
    await notifyReconcilers(tx);
  });
  wakeReconciler(ctx);
}
