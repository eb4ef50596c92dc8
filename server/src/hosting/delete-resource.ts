import { and, eq } from 'drizzle-orm';
import type { Context } from '../context.js';
import { changeableHosted, countOnCustomer, neverApplied } from './hosted-resources.js';
import { recordResourceEvent } from './resource-audit.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from './resource-changes.js';
import type { AnyResourceKind, HostedIds, HostedTable } from './resource-kind.js';

/**
 * Deletes a resource: it leaves the panel at once. One its service never applied goes with its
 * row; otherwise the reconciler removes it from its service, and the row (so its name) stays
 * reserved until the service no longer has it.
 */
export async function deleteResource(ctx: Context, kind: AnyResourceKind, ids: HostedIds): Promise<void> {
  const table: HostedTable = kind.table;
  await ctx.db.transaction(async (tx) => {
    const { customer, resource } = await changeableHosted(kind, tx, ctx.actor, ids);
    const [unapplied] = await tx
      .delete(table)
      .where(and(eq(table.id, resource.id), neverApplied(kind, ctx.now())))
      .returning({ id: table.id });
    if (!unapplied) {
      await tx
        .update(table)
        .set({ removedAt: ctx.now(), ...desiredChange(ctx.now()) })
        .where(eq(table.id, resource.id));
      await notifyReconcilers(tx);
    }
    await countOnCustomer(tx, kind, customer.id, -1);
    await recordResourceEvent(tx, ctx, kind, { verb: 'deleted', customer, resource });
  });
  wakeReconciler(ctx);
}
