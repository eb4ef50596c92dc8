import { createCustomer } from '../../server/src/customers/create-customer.js';
import { createWebsite } from '../../server/src/websites/create-website.js';
import type { HostingServices } from '../convergence/hosting-services.js';

export interface BulkPopulation {
  customerIds: string[];
  domains: string[];
}

// Names are unique across runs: a run on a kept PostgreSQL must not meet an earlier one.
const run = Date.now().toString(36);

/**
 * `customers` customers with `sites` websites each, through the same use cases as the API, live
 * on Keel's nginx once this resolves (the reconciler applies them as it would for an operator).
 */
export async function hostPopulation(
  services: HostingServices,
  customers: number,
  sites: number,
  print: (line: string) => void,
): Promise<BulkPopulation> {
  const { ctx } = services;
  const customerIds: string[] = [];
  const domains: string[] = [];
  for (let c = 1; c <= customers; c++) {
    const { customer } = await createCustomer(ctx, {
      firstName: 'Bulk',
      lastName: `Customer ${c}`,
      email: `bulk-${c}-${run}@bench.keel.test`,
    });
    customerIds.push(customer.id);
    for (let s = 1; s <= sites; s++) {
      const { resource: website } = await createWebsite(ctx, customer.id, {
        domain: `s${s}.c${c}.${run}.bulk.test`,
      });
      domains.push(website.domain);
    }
    if (c % 100 === 0) print(`  ${c} customers, ${domains.length} websites …`);
  }
  await services.reconciler.settle();
  return { customerIds, domains };
}
