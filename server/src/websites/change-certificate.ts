import { eq } from 'drizzle-orm';
import type { Context } from '../context.js';
import { changeableHosted } from '../hosting/hosted-resources.js';
import { recordResourceEvent } from '../hosting/resource-audit.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import type { HostedIds } from '../hosting/resource-kind.js';
import { websiteKind } from './website-kind.js';
import { websites } from './websites.table.js';

type Website = typeof websites.$inferSelect;

/**
 * A change to a website's certificate under its customer's lock, audited with its own verb; the
 * site's vhost follows through the reconciler and the ACME worker is told.
 */
export async function changeCertificate(
  ctx: Context,
  ids: HostedIds,
  verb: 'certificate_uploaded' | 'certificate_renewal_requested',
  plan: (website: Website) => { set: Partial<Website>; details: Record<string, unknown> },
) {
  const changed = await ctx.db.transaction(async (tx) => {
    const { customer, resource } = await changeableHosted(websiteKind, tx, ctx.actor, ids);
    const change = plan(resource);
    const [website] = await tx
      .update(websites)
      .set({ ...change.set, ...desiredChange(ctx.now()) })
      .where(eq(websites.id, resource.id))
      .returning();
    await recordResourceEvent(tx, ctx, websiteKind, { verb, customer, resource }, change.details);
    await notifyReconcilers(tx);
    return { customer, resource: website ?? resource };
  });
  wakeReconciler(ctx);
  ctx.signals.emit('certificatesRequested');
  return changed;
}
