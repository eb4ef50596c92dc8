import { eq, sql } from 'drizzle-orm';
import { visibleCustomer } from '../access/visible-customer.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { websites } from '../db/schema/hosting.js';
import { conflict, unprocessable } from '../http/problem.js';
import { normalizeDomain } from '../provisioning/names.js';
import { notifyReconcilers, wakeReconciler } from '../provisioning/resource-changes.js';
import { assertWithinPackageLimit } from '../provisioning/resource-limits.js';

/** Adds a website: a row the reconciler turns into a document root and an nginx vhost. */
export async function createWebsite(ctx: Context, customerId: string, input: { domain: string }) {
  const domain = normalizeDomain(input.domain);
  if (!domain.ok) {
    throw unprocessable(
      domain.reasons.join(' '),
      domain.reasons.map((message) => ({ field: 'domain', message })),
      'invalid-domain',
    );
  }
  const created = await ctx.db.transaction(async (tx) => {
    const customer = await visibleCustomer(tx, ctx.actor, customerId, { lock: true });
    if (customer.status === 'deleted')
      throw conflict('The customer is deleted; restore it first.', 'customer-deleted');
    await assertWithinPackageLimit(tx, customer, 'sites', customer.siteCount);
    const [website] = await tx
      .insert(websites)
      .values({ customerId: customer.id, domain: domain.value, createdAt: ctx.now(), updatedAt: ctx.now() })
      .onConflictDoNothing({ target: websites.domain })
      .returning();
    if (!website) throw conflict(`The domain ${domain.value} is already hosted here.`, 'domain-taken');
    await tx
      .update(customers)
      .set({ siteCount: sql`${customers.siteCount} + 1` })
      .where(eq(customers.id, customer.id));
    await record(tx, ctx, {
      action: 'website.created',
      customerId: customer.id,
      resellerId: customer.resellerId,
      target: { type: 'website', id: website.id },
      details: { domain: website.domain },
    });
    await notifyReconcilers(tx);
    return { customer, website };
  });
  wakeReconciler(ctx);
  return created;
}
