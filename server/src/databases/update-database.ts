import { eq } from 'drizzle-orm';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { databases } from '../db/schema/hosting.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from '../provisioning/resource-changes.js';
import { visibleDatabase } from './databases.queries.js';

/** Turns a database on or off; off locks its user, the data stays. */
export async function updateDatabase(
  ctx: Context,
  ids: { id: string; databaseId: string },
  input: { enabled: boolean },
) {
  const updated = await ctx.db.transaction(async (tx) => {
    const { customer, database } = await visibleDatabase(tx, ctx.actor, ids, { lock: true });
    if (database.enabled === input.enabled) return { customer, database };
    const [changed] = await tx
      .update(databases)
      .set({ enabled: input.enabled, ...desiredChange(ctx.now()) })
      .where(eq(databases.id, database.id))
      .returning();
    await record(tx, ctx, {
      action: 'database.updated',
      customerId: customer.id,
      resellerId: customer.resellerId,
      target: { type: 'database', id: database.id },
      details: { name: database.name, enabled: { from: database.enabled, to: input.enabled } },
    });
    await notifyReconcilers(tx);
    return { customer, database: changed ?? database };
  });
  wakeReconciler(ctx);
  return updated;
}
