import { eq } from 'drizzle-orm';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { websites } from '../db/schema/hosting.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from '../provisioning/resource-changes.js';
import { visibleWebsite } from './websites.queries.js';

/** Turns a website on or off: the customer's own switch, kept apart from suspension. */
export async function updateWebsite(
  ctx: Context,
  ids: { id: string; websiteId: string },
  input: { enabled: boolean },
) {
  const updated = await ctx.db.transaction(async (tx) => {
    const { customer, website } = await visibleWebsite(tx, ctx.actor, ids, { lock: true });
    if (website.enabled === input.enabled) return { customer, website };
    const [changed] = await tx
      .update(websites)
      .set({ enabled: input.enabled, ...desiredChange(ctx.now()) })
      .where(eq(websites.id, website.id))
      .returning();
    await record(tx, ctx, {
      action: 'website.updated',
      customerId: customer.id,
      resellerId: customer.resellerId,
      target: { type: 'website', id: website.id },
      details: { domain: website.domain, enabled: { from: website.enabled, to: input.enabled } },
    });
    await notifyReconcilers(tx);
    return { customer, website: changed ?? website };
  });
  wakeReconciler(ctx);
  return updated;
}
