import { loadavg } from 'node:os';
import { reactivateCustomer } from '../server/src/customers/reactivate-customer.js';
import { suspendCustomer } from '../server/src/customers/suspend-customer.js';
import { findNginxBinary } from '../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { countOptions } from './convergence/bench-cli.js';
import { type Direction, measureDirection } from './convergence/direction.js';
import { benchEnvironment } from './convergence/environment.js';
import { createBenchCustomer, hostResources } from './convergence/hosted-customer.js';
import { type HostingServices, startHostingServices } from './convergence/hosting-services.js';
import { leftoversAfterPurge } from './convergence/leftovers.js';
import { millisecondsUntil, probesFor } from './convergence/probes.js';
import { type ConvergenceReport, type ConvergenceRound, convergenceMarkdown } from './convergence/report.js';
import { writeBenchResults } from './convergence/results.js';

const usage = `npm run bench:convergence -- [--rounds N] [--websites N] [--databases N]
  Suspends and reactivates one customer N times (default 3) with 50 websites and 20 databases on
  Keel's own nginx and the local MariaDB, and reports how fast the services follow.
  DATABASE_URL     PostgreSQL for Keel's rows (default: a fresh PGlite in a temporary directory)
  KEEL_MARIADB_URL MariaDB admin connection (default: root over /run/mysqld/mysqld.sock)
  KEEL_NGINX_BIN   the nginx binary (default: nginx on PATH or /usr/sbin/nginx)`;

function benchOptions() {
  return countOptions({ rounds: 3, websites: 50, databases: 20 }, usage);
}

async function measure(
  services: HostingServices,
  customerId: string,
  options: ReturnType<typeof benchOptions>,
) {
  const hosted = await hostResources(services, customerId, options.websites, options.databases);
  const probes = probesFor(services.webPort, services.mariadbUrl);
  // The rows say ready; the services themselves must agree before anything is timed.
  const now = performance.now();
  await millisecondsUntil(now, hosted.domains, (domain) => probes.siteAnswers(domain, 200), 10_000);
  await millisecondsUntil(now, hosted.databases, (account) => probes.accountIs(account, 'open'), 10_000);
  const { ctx } = services;
  const suspend: Direction = {
    name: 'suspend',
    change: () => suspendCustomer(ctx, customerId, { reason: 'convergence benchmark' }),
    siteStatus: 503,
    accounts: 'locked',
  };
  const reactivate: Direction = {
    name: 'reactivate',
    change: () => reactivateCustomer(ctx, customerId),
    siteStatus: 200,
    accounts: 'open',
  };
  const rounds: ConvergenceRound[] = [];
  for (let n = 1; n <= options.rounds; n++) {
    const round = {
      loadAverage: loadavg()[0] ?? 0,
      suspend: await measureDirection(services, probes, hosted, suspend),
      reactivate: await measureDirection(services, probes, hosted, reactivate),
    };
    console.log(`round ${n}: ${JSON.stringify(round)}`);
    rounds.push(round);
  }
  return rounds;
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
  const services = await startHostingServices({ databaseUrl, mariadbUrl, nginxBin });
  try {
    const customerId = await createBenchCustomer(services);
    let rounds: ConvergenceRound[];
    try {
      rounds = await measure(services, customerId, options);
    } finally {
      const leftovers = await leftoversAfterPurge(services, customerId);
      if (leftovers.length > 0) {
        console.error(`Left on the services after the purge:\n${leftovers.join('\n')}`);
        process.exitCode = 1;
      }
    }
    const report: ConvergenceReport = {
      environment,
      customer: { websites: options.websites, databases: options.databases },
      rounds,
    };
    console.log(`\n${convergenceMarkdown(report)}`);
    console.log(
      `Written: ${(await writeBenchResults('convergence', report, convergenceMarkdown(report))).join(', ')}`,
    );
  } finally {
    await services.close();
  }
}

await main();
