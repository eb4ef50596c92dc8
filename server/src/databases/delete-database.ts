import { eq, sql } from 'drizzle-orm';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { databases } from '../db/schema/hosting.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from '../provisioning/resource-changes.js';
import { visibleDatabase } from './databases.queries.js';

/** Deletes a database: gone from the panel at once; the reconciler drops its user, then its data. */
export async function deleteDatabase(ctx: Context, ids: { id: string; databaseId: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { customer, database } = await visibleDatabase(tx, ctx.actor, ids, { lock: true });
    await tx
      .update(databases)
      .set({ removedAt: ctx.now(), ...desiredChange(ctx.now()) })
      .where(eq(databases.id, database.id));
    await tx
      .update(customers)
      .set({ databaseCount: sql`${customers.databaseCount} - 1` })
      .where(eq(customers.id, customer.id));
    await record(tx, ctx, {
      action: 'database.deleted',
      customerId: customer.id,
      resellerId: customer.resellerId,
      target: { type: 'database', id: database.id },
      details: { name: database.name, user: database.user },
    });
    await notifyReconcilers(tx);
  });
  wakeReconciler(ctx);
}
