import { bulkCustomerAction } from '../server/src/customers/bulk-customer-action.js';
import { findNginxBinary } from '../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { websiteKind } from '../server/src/websites/website-kind.js';
import { ownDatabase } from './bulk/own-database.js';
import { type BulkPopulation, hostPopulation } from './bulk/population.js';
import { type BulkDirection, type BulkReport, bulkMarkdown } from './bulk/report.js';
import { suspendAndReactivate } from './bulk/rounds.js';
import { countOptions } from './convergence/bench-cli.js';
import { benchEnvironment } from './convergence/environment.js';
import { type HostingServices, startHostingServices } from './convergence/hosting-services.js';
import { millisecondsUntilSitesAnswer } from './convergence/probes.js';
import { writeBenchResults } from './convergence/results.js';

const usage = `npm run bench:bulk -- [--customers N] [--sites N] [--rounds N]
  Suspends N customers (default 1000) with M websites each (default 5) in one bulk call, then
  reactivates them in another, on Keel's own nginx, and reports how long until every site answers
  503 / 200 and how many nginx reloads it took. Rounds default to 1.
  DATABASE_URL     a PostgreSQL server: the run makes a database of its own there and drops it
                   afterwards (default: a fresh PGlite in a temporary directory)
  KEEL_NGINX_BIN   the nginx binary (default: nginx on PATH or /usr/sbin/nginx)`;

function benchOptions() {
  const options = countOptions({ customers: 1000, sites: 5, rounds: 1 }, usage);
  if (options.customers > 1000)
    throw new Error(`--customers is at most 1000, what one bulk call takes\n${usage}`);
  return options;
}

// Far beyond the 10 s target: only a reconciler that is stuck gets here.
const TIMEOUT_MS = 180_000;

async function measureDirection(
  services: HostingServices,
  population: BulkPopulation,
  action: 'suspend' | 'reactivate',
): Promise<BulkDirection> {
  const status = action === 'suspend' ? 503 : 200;
  // Start from rest, so no reload of an earlier change is counted here.
  await services.reconciler.settle();
  const reloadsBefore = services.nginx.reloads;
  const since = performance.now();
  const results = await bulkCustomerAction(services.ctx, {
    action,
    ids: population.customerIds,
    ...(action === 'suspend' && { reason: 'bulk benchmark' }),
  });
  const answerMs = performance.now() - since;
  const sitesMs = await millisecondsUntilSitesAnswer(
    services.webPort,
    population.domains,
    status,
    since,
    TIMEOUT_MS,
  );
  await services.reconciler.settle();
  return {
    answerMs,
    sitesMs,
    reloads: services.nginx.reloads - reloadsBefore,
    refused: results.filter((result) => result.status !== 200).length,
  };
}

async function main(): Promise<void> {
  const options = benchOptions();
  const nginxBin = await findNginxBinary();
  if (!nginxBin) throw new Error('nginx was not found: apt-get install nginx, or set KEEL_NGINX_BIN');
  const mariadbUrl = process.env.KEEL_MARIADB_URL || 'mysql://root@localhost/?socket=/run/mysqld/mysqld.sock';
  const databaseUrl = process.env.DATABASE_URL || null;
  const environment = await benchEnvironment(
    nginxBin,
    mariadbUrl,
    databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (fresh)',
  );
  const database = databaseUrl ? await ownDatabase(databaseUrl, 'bulk') : null;
  const services = await startHostingServices({
    databaseUrl: database?.url ?? null,
    mariadbUrl,
    nginxBin,
  }).catch(async (error) => {
    await database?.drop();
    throw error;
  });
  try {
    console.log(`Creating ${options.customers} customers with ${options.sites} websites each …`);
    const started = performance.now();
    const population = await hostPopulation(services, options.customers, options.sites, console.log);
    console.log(`… live on nginx after ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const rounds = await suspendAndReactivate(options.rounds, (action) =>
      measureDirection(services, population, action),
    );
    const report: BulkReport = {
      environment,
      population: {
        customers: options.customers,
        websitesPerCustomer: options.sites,
        batchSize: services.drivers.driverOf(websiteKind)?.batchSize ?? 0,
      },
      rounds,
    };
    const markdown = bulkMarkdown(report);
    console.log(`\n${markdown}`);
    console.log(`Written: ${(await writeBenchResults('bulk', report, markdown)).join(', ')}`);
  } finally {
    await services.close();
    await database?.drop();
  }
}

await main();
