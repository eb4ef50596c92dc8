import { loadavg } from 'node:os';
import { findNginxBinary } from '../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { findPowerDnsBinaries } from '../server/src/provisioning/drivers/powerdns/pdns-binary.js';
import { ownDatabase, postgresVersion } from './bulk/own-database.js';
import { suspendAndReactivate } from './bulk/rounds.js';
import { countOptions } from './convergence/bench-cli.js';
import { machineEnvironment, nginxVersion } from './convergence/environment.js';
import { millisecondsUntilSitesAnswer } from './convergence/probes.js';
import { writeBenchResults } from './convergence/results.js';
import { type Fleet, startFleet } from './servers/fleet.js';
import { untilQuiet } from './servers/fleet-cpu.js';
import { placePopulation, type ServersPopulation } from './servers/population.js';
import { type ServersDirection, type ServersReport, serversMarkdown } from './servers/report.js';

const usage = `npm run bench:servers -- [--customers N] [--sites N] [--agents N] [--rounds N]
  One panel on PostgreSQL and N agents (default 3), each a keel process with its own data
  directory, nginx and PowerDNS ports. Creates N customers (default 300, at most 1000) with M
  websites each (default 3) spread evenly over the servers, then suspends them all in one bulk
  call and reactivates them in another, and reports how long until every site answers 503 / 200
  on its own server's nginx, and the CPU time the panel and each agent used for it.
  DATABASE_URL     the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
                   the run makes a database of its own there (keel_bench_servers_…) and drops it
  KEEL_NGINX_BIN   the nginx binary (default: nginx on PATH or /usr/sbin/nginx)`;

// Far beyond any figure measured: only a stuck agent or reconciler gets here.
const timeoutMs = 300_000;

function benchOptions() {
  const options = countOptions({ customers: 300, sites: 3, agents: 3, rounds: 1 }, usage);
  if (options.customers > 1000)
    throw new Error(`--customers is at most 1000, what one bulk call takes\n${usage}`);
  return options;
}

/** Milliseconds from `since` until every site answers `status` on its own server's nginx, per server. */
function untilEverySiteAnswers(population: ServersPopulation, status: number, since: number) {
  return Promise.all(
    [...population.sites].map(([server, domains]) =>
      millisecondsUntilSitesAnswer(server.webPort, domains, status, since, timeoutMs),
    ),
  );
}

async function measureDirection(
  fleet: Fleet,
  population: ServersPopulation,
  action: 'suspend' | 'reactivate',
): Promise<ServersDirection> {
  // From rest: nothing of an earlier change is counted here.
  const before = await untilQuiet(fleet, timeoutMs);
  const since = performance.now();
  const answer = await fleet.admin.request('POST', '/customers/bulk', {
    action,
    ids: population.customerIds,
    ...(action === 'suspend' && { reason: 'servers benchmark' }),
  });
  const answerMs = performance.now() - since;
  if (answer.status !== 200)
    throw new Error(`bulk ${action}: ${answer.status} ${JSON.stringify(answer.json)}`);
  const serverMs = await untilEverySiteAnswers(population, action === 'suspend' ? 503 : 200, since);
  const after = await untilQuiet(fleet, timeoutMs);
  return {
    answerMs,
    serverMs,
    sitesMs: Math.max(...serverMs),
    panelCpuMs: after.panel - before.panel,
    agentCpuMs: after.agents.map((ms, index) => ms - (before.agents[index] ?? 0)),
    refused: (answer.json.results as { status: number }[]).filter((result) => result.status !== 200).length,
  };
}

async function main(): Promise<void> {
  const options = benchOptions();
  const nginxBin = await findNginxBinary();
  if (!nginxBin) throw new Error('nginx was not found: apt-get install nginx, or set KEEL_NGINX_BIN');
  const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const environment = {
    ...machineEnvironment(),
    nginx: await nginxVersion(nginxBin),
    postgres: await postgresVersion(serverUrl),
  };
  const database = await ownDatabase(serverUrl, 'servers');
  try {
    const fleet = await startFleet({
      databaseUrl: database.url,
      agents: options.agents,
      powerDns: (await findPowerDnsBinaries()) !== undefined,
    });
    try {
      console.log(`Creating ${options.customers} customers with ${options.sites} websites each …`);
      const started = performance.now();
      const population = await placePopulation(fleet, options.customers, options.sites, console.log);
      await untilEverySiteAnswers(population, 200, performance.now());
      console.log(
        `… live on their servers' nginx after ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      const rounds = await suspendAndReactivate(options.rounds, (action) =>
        measureDirection(fleet, population, action),
      );
      const report: ServersReport = {
        environment,
        population: {
          customers: options.customers,
          websitesPerCustomer: options.sites,
          servers: options.agents,
        },
        rounds,
        loadAverageAtEnd: loadavg()[0] ?? 0,
      };
      const markdown = serversMarkdown(report);
      console.log(`\n${markdown}`);
      console.log(`Written: ${(await writeBenchResults('servers', report, markdown)).join(', ')}`);
    } finally {
      await fleet.close();
    }
  } finally {
    await database.drop();
  }
}

await main();
