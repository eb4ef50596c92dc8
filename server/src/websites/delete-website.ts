import { eq, sql } from 'drizzle-orm';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { websites } from '../db/schema/hosting.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from '../provisioning/resource-changes.js';
import { visibleWebsite } from './websites.queries.js';

/**
 * Deletes a website: it leaves the panel at once and the reconciler removes its vhost and files;
 * the row (and so the domain) stays reserved until the service no longer has it.
 */
export async function deleteWebsite(ctx: Context, ids: { id: string; websiteId: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { customer, website } = await visibleWebsite(tx, ctx.actor, ids, { lock: true });
    await tx
      .update(websites)
      .set({ removedAt: ctx.now(), ...desiredChange(ctx.now()) })
      .where(eq(websites.id, website.id));
    await tx
      .update(customers)
      .set({ siteCount: sql`${customers.siteCount} - 1` })
      .where(eq(customers.id, customer.id));
    await record(tx, ctx, {
      action: 'website.deleted',
      customerId: customer.id,
      resellerId: customer.resellerId,
      target: { type: 'website', id: website.id },
      details: { domain: website.domain },
    });
    await notifyReconcilers(tx);
  });
  wakeReconciler(ctx);
}
