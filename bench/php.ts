import { loadavg } from 'node:os';
import path from 'node:path';
import { findNginxBinary } from '../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { phpFpmLayout } from '../server/src/provisioning/drivers/php-fpm/layout.js';
import { findInstalledPhp } from '../server/src/provisioning/drivers/php-fpm/php-versions.js';
import { eventually, get } from '../test/services/helpers.js';
import { countOptions } from './convergence/bench-cli.js';
import { benchEnvironment } from './convergence/environment.js';
import { startHostingServices } from './convergence/hosting-services.js';
import { writeBenchResults } from './convergence/results.js';
import { loadClients, throughput } from './customers/http-client.js';
import { startHandConfigured } from './php/hand-configured.js';
import { hostPhpSites } from './php/php-customers.js';
import { masterOf, memoryOfGroup } from './php/php-memory.js';
import { type PhpReport, type PhpRound, phpMarkdown } from './php/report.js';

const usage = `npm run bench:php -- [--rounds N] [--seconds N] [--customers N]
  Requests per second of a small PHP page through Keel's nginx and its customer's php-fpm pool,
  against the same page on an nginx and php-fpm the benchmark configures by hand in a temp dir,
  the two alternating for N rounds (default 5) of N seconds each (default 5); then the memory of
  Keel's php-fpm with N customers (default 100) with a PHP site each, left idle. Run as root.
  KEEL_NGINX_BIN   the nginx binary (default: nginx on PATH or /usr/sbin/nginx)`;

function benchOptions() {
  return countOptions({ rounds: 5, seconds: 5, customers: 100 }, usage);
}

// Small, but PHP's work rather than nginx's: a function call, a loop, a formatted answer.
const PAGE = `<?php
header('Content-Type: text/plain');
$sum = 0;
for ($i = 1; $i <= 1000; $i++) $sum += $i;
printf("Hello from PHP %s: %d\\n", PHP_VERSION, $sum);
`;
const ANSWER = /^Hello from PHP [\d.]+: 500500\n$/;

// Beyond the pools' pm.process_idle_timeout (10 s): every worker has ended by then.
const IDLE_TIMEOUT_MS = 60_000;

async function main(): Promise<void> {
  const options = benchOptions();
  if (process.getuid?.() !== 0) throw new Error("Run as root: Keel's pools run as each customer's own user");
  const nginxBin = await findNginxBinary();
  if (!nginxBin) throw new Error('nginx was not found: apt-get install nginx, or set KEEL_NGINX_BIN');
  const php = (await findInstalledPhp()).at(-1);
  if (!php) throw new Error('no php-fpm is installed: apt-get install php-fpm');
  const mariadbUrl = process.env.KEEL_MARIADB_URL || 'mysql://root@localhost/?socket=/run/mysqld/mysqld.sock';
  const environment = await benchEnvironment(nginxBin, mariadbUrl, 'PGlite (fresh)');
  const services = await startHostingServices({ databaseUrl: null, mariadbUrl, nginxBin });
  const hand = await startHandConfigured(php, nginxBin, PAGE).catch(async (error) => {
    await services.close();
    throw error;
  });
  try {
    const dataDir = path.dirname(services.homesDir);
    const master = await masterOf(phpFpmLayout(path.join(dataDir, 'php-fpm'), php.version).confFile);
    const before = await memoryOfGroup(master);
    console.log(`Creating ${options.customers} customers with a PHP site each …`);
    const domains = await hostPhpSites(services, options.customers, PAGE, console.log);
    // Every pool answers once (its first worker started), before all are left idle.
    for (const domain of domains) {
      await eventually(() => get(services.webPort, domain).then(requireAnswer(domain)), 15_000);
    }
    const [measured] = domains as [string];
    const keelUrl = `http://127.0.0.1:${services.webPort}/`;
    const handUrl = `http://127.0.0.1:${hand.webPort}/`;
    requireAnswer('hand-configured')(await get(hand.webPort, measured));
    // Unmeasured first: the workers of both started, opcache filled.
    await throughput(keelUrl, { host: measured }, 2, true);
    await throughput(handUrl, { host: measured }, 2, true);
    const rounds: PhpRound[] = [];
    for (let n = 1; n <= options.rounds; n++) {
      const loadAverage = loadavg()[0] ?? 0;
      const keelLoad = () => throughput(keelUrl, { host: measured }, options.seconds, true);
      const handLoad = () => throughput(handUrl, { host: measured }, options.seconds, true);
      // Each goes first in every other round, so neither always meets the machine after the other.
      const round =
        n % 2 === 1
          ? { loadAverage, keel: await keelLoad(), hand: await handLoad() }
          : { loadAverage, hand: await handLoad(), keel: await keelLoad() };
      console.log(`round ${n}: ${JSON.stringify(round)}`);
      rounds.push(round);
    }
    console.log('Waiting until every pool is idle (no worker left) …');
    const after = await eventually(async () => {
      const memory = await memoryOfGroup(master);
      if (memory.processes !== 1) throw new Error(`${memory.processes - 1} php-fpm workers still running`);
      return memory;
    }, IDLE_TIMEOUT_MS);
    const report: PhpReport = {
      environment,
      php: php.version,
      secondsPerLoad: options.seconds,
      connections: loadClients,
      rounds,
      idle: { customers: options.customers, before, after },
    };
    const markdown = phpMarkdown(report);
    console.log(`\n${markdown}`);
    console.log(`Written: ${(await writeBenchResults('php', report, markdown)).join(', ')}`);
  } finally {
    await hand.stop();
    await services.close();
  }
}

/** A site that does not run the page makes every figure meaningless. */
function requireAnswer(site: string) {
  return (answer: { status: number; body: string }) => {
    if (answer.status !== 200 || !ANSWER.test(answer.body)) {
      throw new Error(`${site} answered ${answer.status} ${JSON.stringify(answer.body.slice(0, 200))}`);
    }
    return answer;
  };
}

await main();
