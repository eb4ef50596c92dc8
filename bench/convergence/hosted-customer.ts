import path from 'node:path';
import { and, eq, ne } from 'drizzle-orm';
import { createCustomer } from '../../server/src/customers/create-customer.js';
import { deleteCustomer } from '../../server/src/customers/delete-customer.js';
import { purgeCustomer } from '../../server/src/customers/purge-customer.js';
import { startCustomerPurge } from '../../server/src/customers/start-customer-purge.js';
import { createDatabase } from '../../server/src/databases/create-database.js';
import { databases } from '../../server/src/databases/databases.table.js';
import { CustomerHomes } from '../../server/src/provisioning/drivers/files/customer-homes.js';
import { hostingKinds } from '../../server/src/resource-kinds.js';
import { createWebsite } from '../../server/src/websites/create-website.js';
import { websites } from '../../server/src/websites/websites.table.js';
import type { HostingServices } from './hosting-services.js';
import type { DatabaseAccount } from './probes.js';

export interface HostedCustomer {
  id: string;
  domains: string[];
  databases: DatabaseAccount[];
}

// Domains are unique across all customers: a run on a kept PostgreSQL must not meet an earlier one.
const run = Date.now().toString(36);

/** The benchmark's customer, through the same use case as the API; purged at the end of the run. */
export async function createBenchCustomer(services: HostingServices): Promise<string> {
  const { customer } = await createCustomer(services.ctx, {
    firstName: 'Convergence',
    lastName: 'Benchmark',
    email: `convergence-${run}@bench.keel.test`,
  });
  return customer.id;
}

/** Gives the customer `sites` websites and `databaseCount` databases, live on the services once this resolves. */
export async function hostResources(
  services: HostingServices,
  customerId: string,
  sites: number,
  databaseCount: number,
): Promise<HostedCustomer> {
  const { ctx } = services;
  const domains: string[] = [];
  for (let n = 1; n <= sites; n++) {
    const { resource: website } = await createWebsite(ctx, customerId, {
      domain: `site-${n}.${run}.convergence.test`,
    });
    domains.push(website.domain);
  }
  const accounts: DatabaseAccount[] = [];
  for (let n = 1; n <= databaseCount; n++) {
    const { resource: database, password } = await createDatabase(ctx, customerId, { name: `db${n}` });
    accounts.push({ name: database.name, user: database.user, password });
  }
  await services.reconciler.settle();
  await requireAllReady(services, customerId);
  return { id: customerId, domains, databases: accounts };
}

/** A resource the reconciler could not apply would make every later figure meaningless. */
async function requireAllReady(services: HostingServices, customerId: string) {
  for (const table of [websites, databases]) {
    const unready = await services.handle.db
      .select({ id: table.id, state: table.provisioningState, error: table.provisioningError })
      .from(table)
      .where(and(eq(table.customerId, customerId), ne(table.provisioningState, 'ready')));
    if (unready.length > 0) {
      throw new Error(`Resources not provisioned: ${JSON.stringify(unready.slice(0, 3))}`);
    }
  }
}

const PURGE_TIMEOUT_MS = 60_000;

/**
 * Removes the customer the way an operator's purge does: soft delete, purge start, the reconciler
 * taking every vhost, database and user off the services, then the rows and the home.
 */
export async function purgeHostedCustomer(services: HostingServices, customerId: string): Promise<void> {
  const { ctx } = services;
  const { purgeStarted } = await deleteCustomer(ctx, customerId);
  if (!purgeStarted) await startCustomerPurge(ctx, customerId);
  const purgeServices = {
    kinds: hostingKinds,
    homes: new CustomerHomes(services.homesDir),
    backupDir: path.join(services.homesDir, '..', 'backups'),
  };
  // Long enough for the reconciler's backoff to retry a removal that failed once or twice.
  const deadline = Date.now() + PURGE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    await services.reconciler.settle();
    const result = await purgeCustomer(ctx, customerId, purgeServices);
    if (result.outcome === 'purged' || result.outcome === 'gone') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The purge of customer ${customerId} did not finish within ${PURGE_TIMEOUT_MS} ms`);
}
