import type { Context } from '../context.js';
import { conflict } from '../errors/problem.js';
import { customerForNewHosted, recordHostedCreated } from '../hosting/hosted-resources.js';
import { requestedDomain } from '../hosting/requested-domain.js';
import { wakeReconciler } from '../hosting/resource-changes.js';
import { assertWithinPackageLimit } from '../hosting/resource-limits.js';
import { websiteKind } from './website-kind.js';
import { websites } from './websites.table.js';

/** Adds a website: a row the reconciler turns into a document root and an nginx vhost. */
export async function createWebsite(ctx: Context, customerId: string, input: { domain: string }) {
  const domain = requestedDomain(input.domain);
  const created = await ctx.db.transaction(async (tx) => {
    const customer = await customerForNewHosted(tx, ctx.actor, customerId);
    await assertWithinPackageLimit(tx, customer, websiteKind);
    const [website] = await tx
      .insert(websites)
      .values({ customerId: customer.id, domain, createdAt: ctx.now(), updatedAt: ctx.now() })
      .onConflictDoNothing({ target: websites.domain })
      .returning();
    if (!website) throw conflict(`The domain ${domain} is already hosted here.`, 'domain-taken');
    await recordHostedCreated(tx, ctx, websiteKind, customer, website);
    return { customer, resource: website };
  });
  wakeReconciler(ctx);
  return created;
}
