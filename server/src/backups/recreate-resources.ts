import { and, eq, getTableColumns } from 'drizzle-orm';
import { visibleCustomer } from '../access/visible-customer.js';
import type { Context } from '../context.js';
import { recordHostedCreated } from '../hosting/hosted-resources.js';
import { wakeReconciler } from '../hosting/resource-changes.js';
import type { AnyResourceKind, HostedTable } from '../hosting/resource-kind.js';

type StoredRow = Record<string, unknown>;

/** A row as the backup's JSON holds it, with its timestamps Dates again. */
function rowFromJson(table: HostedTable, stored: StoredRow): StoredRow {
  const row: StoredRow = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (!(key in stored)) continue;
    const value = stored[key];
    row[key] = column.columnType === 'PgTimestamp' && typeof value === 'string' ? new Date(value) : value;
  }
  return row;
}

/** What the reconciler must see of a recreated row: never applied, wanted now. */
const unapplied = (now: Date) => ({
  removedAt: null,
  desiredGeneration: 1,
  appliedGeneration: 0,
  appliedState: null,
  provisioningState: 'pending' as const,
  provisioningError: null,
  provisioningUpdatedAt: now,
  attempts: 0,
  retryAt: null,
  claimedUntil: null,
  claimedBy: null,
  updatedAt: now,
});

/**
 * Makes again, with the ids they had, the resources of a kind that the backup holds and the
 * customer has lost since (a deleted website, zone, database with its user …): counted, audited
 * and handed to the reconciler like any new one. One that is still being taken down, or whose
 * name another customer took meanwhile, fails the whole kind with the reason.
 */
export async function recreateMissing(
  ctx: Context,
  kind: AnyResourceKind,
  customerId: string,
  backedUp: StoredRow[],
): Promise<string[]> {
  const table: HostedTable = kind.table;
  const recreated = await ctx.db.transaction(async (tx) => {
    const customer = await visibleCustomer(tx, ctx.actor, customerId, { lock: true });
    const made: string[] = [];
    for (const stored of backedUp) {
      const row = rowFromJson(table, stored);
      const [existing] = await tx
        .select({ id: table.id, removedAt: table.removedAt })
        .from(table)
        .where(and(eq(table.id, row.id as string), eq(table.customerId, customer.id)));
      if (existing && existing.removedAt === null) continue;
      if (existing) {
        throw new Error(`${kind.label(row)} is still being removed; restore again once it is gone`);
      }
      const [inserted] = await tx
        .insert(table)
        .values({ ...row, customerId: customer.id, ...unapplied(ctx.now()) })
        .returning();
      await recordHostedCreated(tx, ctx, kind, customer, inserted as never);
      made.push(kind.label(row));
    }
    return made;
  });
  if (recreated.length > 0) wakeReconciler(ctx);
  return recreated;
}
