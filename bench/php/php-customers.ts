import { chown, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { createCustomer } from '../../server/src/customers/create-customer.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { siteDocumentRoot } from '../../server/src/provisioning/drivers/files/customer-homes.js';
import { canChown, homeOwner } from '../../server/src/provisioning/drivers/files/home-owner.js';
import { createWebsite } from '../../server/src/websites/create-website.js';
import { updateWebsite } from '../../server/src/websites/update-website.js';
import type { HostingServices } from '../convergence/hosting-services.js';

// Domains are unique across runs: a run on a kept PostgreSQL must not meet an earlier one.
const run = Date.now().toString(36);

/**
 * `count` customers with one PHP website each, through the same use cases as the API, and `page`
 * uploaded as each site's index.php, owned by its customer as FTP would leave it. Answers the domains.
 */
export async function hostPhpSites(
  services: HostingServices,
  count: number,
  page: string,
  print: (line: string) => void,
): Promise<string[]> {
  const { ctx } = services;
  const sites: Array<{ domain: string; documentRoot: string; uid: number }> = [];
  for (let n = 1; n <= count; n++) {
    const { customer } = await createCustomer(ctx, {
      firstName: 'PHP',
      lastName: `Customer ${n}`,
      email: `php-${n}-${run}@bench.keel.test`,
    });
    const { resource: website } = await createWebsite(ctx, customer.id, { domain: `c${n}.${run}.php.test` });
    await updateWebsite(ctx, { customerId: customer.id, resourceId: website.id }, { php: { enabled: true } });
    const documentRoot = siteDocumentRoot(services.homesDir, customer.id, website.id);
    const [row] = await ctx.db
      .select({ uid: customers.systemUid })
      .from(customers)
      .where(eq(customers.id, customer.id));
    sites.push({ domain: website.domain, documentRoot, uid: row?.uid as number });
    if (n % 25 === 0) print(`  ${n} customers with a PHP site …`);
  }
  // The reconciler makes the document roots and the pools.
  await services.reconciler.settle();
  for (const site of sites) {
    const file = path.join(site.documentRoot, 'index.php');
    await writeFile(file, page, { mode: 0o640 });
    if (canChown()) {
      const owner = await homeOwner(site.uid);
      await chown(file, owner.uid, owner.gid);
    }
  }
  return sites.map((site) => site.domain);
}
