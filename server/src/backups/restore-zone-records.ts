import { and, eq, isNull } from 'drizzle-orm';
import { visibleCustomer } from '../access/visible-customer.js';
import type { Context } from '../context.js';
import { nextSerial } from '../dns-zones/zone-serial.js';
import { recordResourceEvent } from '../hosting/resource-audit.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import type { AnyResourceKind } from '../hosting/resource-kind.js';

/**
 * Gives each of the customer's zones the records the backup holds for it (found by domain), with
 * a serial past both the current one and the backup's, so secondaries take the change.
 */
export async function restoreZoneRecords(
  ctx: Context,
  kind: AnyResourceKind,
  customerId: string,
  backedUp: Record<string, unknown>[],
): Promise<void> {
  const table = kind.table;
  await ctx.db.transaction(async (tx) => {
    const customer = await visibleCustomer(tx, ctx.actor, customerId, { lock: true });
    for (const stored of backedUp) {
      const [zone] = await tx
        .select()
        .from(table)
        .where(
          and(eq(table.customerId, customer.id), eq(table.domain, stored.domain), isNull(table.removedAt)),
        )
        .for('update');
      if (!zone) throw new Error(`zone ${String(stored.domain)} is not the customer's any more`);
      const serial = nextSerial(ctx.now(), Math.max(Number(zone.serial), Number(stored.serial)));
      const [changed] = await tx
        .update(table)
        .set({ records: stored.records, serial, ...desiredChange(ctx.now()) })
        .where(eq(table.id, zone.id))
        .returning();
      await recordResourceEvent(
        tx,
        ctx,
        kind,
        { verb: 'updated', customer, resource: changed ?? zone },
        { restored: true },
      );
    }
    await notifyReconcilers(tx);
  });
  wakeReconciler(ctx);
}
