import { inArray } from 'drizzle-orm';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { markUnchangedForRepair } from '../provisioning/claims.js';
import type { Drift } from '../provisioning/drivers/types.js';
import type { ServedByRole } from '../provisioning/served-by-role.js';
import type { ServerRef } from '../provisioning/server-ref.js';
import { resourceAction } from './resource-audit.js';
import { notifyReconcilers, wakeReconciler } from './resource-changes.js';
import type { AnyResourceKind, RowOf } from './resource-kind.js';

/** The rows of these resources, by id: what a report or an audit event names them by. */
export async function resourcesById<Kind extends AnyResourceKind>(
  db: Queryable,
  kind: Kind,
  ids: readonly string[],
): Promise<Map<string, RowOf<Kind['table']>>> {
  if (ids.length === 0) return new Map();
  const rows = (await db
    .select()
    .from(kind.table)
    .where(inArray(kind.table.id, [...ids]))) as RowOf<Kind['table']>[];
  return new Map(rows.map((row) => [row.id as string, row]));
}

/**
 * Sends resources whose service drifted from what Keel applied to be applied again: provisioning
 * goes back to pending, so the reconciler's normal path rewrites them, and each gets a
 * `<noun>.repaired` event naming what differed. Only rows still as the drift check saw them are
 * marked (ready, unclaimed, at their generation); any other is being applied anyway. Returns the
 * ids marked.
 */
export async function markForRepair(
  ctx: Context,
  kind: AnyResourceKind & { servedBy?: ServedByRole },
  drifted: readonly Drift[],
  server: ServerRef,
) {
  if (drifted.length === 0) return [];
  const differences = new Map(drifted.map((drift) => [drift.id, drift.differences]));
  const now = ctx.now();
  const marked = await ctx.db.transaction(async (tx) => {
    // A kind every server of a role serves is repaired on the server that found it drifted only.
    const ids = await markUnchangedForRepair(tx, kind, server, [...differences.keys()], now);
    const resources = await resourcesById(tx, kind, ids);
    for (const resource of resources.values()) {
      await record(tx, ctx, {
        action: resourceAction(kind, 'repaired'),
        customerId: resource.customerId,
        target: { type: kind.noun, id: resource.id },
        details: { ...kind.describe(resource), differences: differences.get(resource.id) },
      });
    }
    if (resources.size > 0) await notifyReconcilers(tx);
    return [...resources.keys()];
  });
  if (marked.length > 0) wakeReconciler(ctx);
  return marked;
}
