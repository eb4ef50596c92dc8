import { conditionLines } from '../convergence/bench-cli.js';
import type { BenchEnvironment } from '../convergence/environment.js';
import { percentile } from '../mail/percentiles.js';
import type { Memory } from './php-memory.js';

/** One target's figures over one round's load. */
export interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Requests answered other than 2xx, refused connections, timeouts. */
  failed: number;
}

export interface PhpRound {
  loadAverage: number;
  keel: Load;
  hand: Load;
}

export interface PhpReport {
  environment: BenchEnvironment;
  php: string;
  secondsPerLoad: number;
  connections: number;
  rounds: PhpRound[];
  idle: { customers: number; before: Memory; after: Memory };
}

const median = (values: number[]) => percentile(values, 0.5);
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;

function loadRow(name: string, loads: Load[]): string {
  return [
    name,
    loads.map((load) => Math.round(load.requestsPerSecond)).join(', '),
    Math.round(median(loads.map((load) => load.requestsPerSecond))),
    `${median(loads.map((load) => load.p50))} ms`,
    `${median(loads.map((load) => load.p99))} ms`,
    loads.reduce((sum, load) => sum + load.failed, 0),
  ].join(' | ');
}

export function phpMarkdown(report: PhpReport): string {
  const { rounds, idle } = report;
  const keel = rounds.map((round) => round.keel);
  const hand = rounds.map((round) => round.hand);
  const ratio =
    median(keel.map((load) => load.requestsPerSecond)) / median(hand.map((load) => load.requestsPerSecond));
  const grown = (field: 'rssKb' | 'pssKb') => idle.after[field] - idle.before[field];
  return [
    `A small PHP page, ${report.connections} clients for ${report.secondsPerLoad} s per target and round, the targets alternating, ${rounds.length} rounds; PHP ${report.php}.`,
    '',
    '| target | requests/s per round | median requests/s | median p50 | median p99 | failed requests |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| ${loadRow("Keel's nginx and the customer's pool", keel)} |`,
    `| ${loadRow('hand-configured nginx and php-fpm', hand)} |`,
    '',
    `Keel / hand-configured (median requests/s): **${ratio.toFixed(2)}**`,
    '',
    `Keel's php-fpm (master and workers), ${idle.customers} customers with a PHP site each, every site asked once and then left idle:`,
    '',
    '| | processes | RSS | PSS |',
    '| --- | ---: | ---: | ---: |',
    `| before the customers | ${idle.before.processes} | ${mb(idle.before.rssKb)} | ${mb(idle.before.pssKb)} |`,
    `| ${idle.customers} idle customers | ${idle.after.processes} | ${mb(idle.after.rssKb)} | ${mb(idle.after.pssKb)} |`,
    `| per idle customer | – | ${(grown('rssKb') / idle.customers).toFixed(1)} kB | ${(grown('pssKb') / idle.customers).toFixed(1)} kB |`,
    '',
    ...conditionLines(report.environment, rounds),
    '',
  ].join('\n');
}
