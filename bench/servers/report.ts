import type { BulkRoundOf } from '../bulk/rounds.js';
import { conditionLines } from '../convergence/bench-cli.js';
import type { MachineEnvironment } from '../convergence/environment.js';

export interface ServersDirection {
  /** How long the bulk call took to answer. */
  answerMs: number;
  /** From the call until every site of a server answered on that server's nginx, per server. */
  serverMs: number[];
  /** From the call until every site of every server answered: the slowest server's figure. */
  sitesMs: number;
  /** CPU the panel's process used from the call until the panel and agents were quiet again. */
  panelCpuMs: number;
  /** The same for each agent's process (its nginx and PowerDNS not included). */
  agentCpuMs: number[];
  /** Customers whose result was not the single call's success (must be 0). */
  refused: number;
}

export interface ServersReport {
  environment: MachineEnvironment & { nginx: string; postgres: string };
  population: { customers: number; websitesPerCustomer: number; servers: number };
  rounds: BulkRoundOf<ServersDirection>[];
  loadAverageAtEnd: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const cpu = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function directionRow(report: ServersReport, name: 'suspend' | 'reactivate'): string {
  const websites = report.population.customers * report.population.websitesPerCustomer;
  const figures = report.rounds.map((round) => round[name]);
  const status = name === 'suspend' ? 503 : 200;
  const each = (values: (f: ServersDirection) => string) => figures.map(values).join('; ');
  return [
    `${name} (all ${status})`,
    each((f) => seconds(f.answerMs)),
    each((f) => seconds(f.sitesMs)),
    each((f) => f.serverMs.map(seconds).join(', ')),
    each((f) => cpu(f.panelCpuMs)),
    each((f) => `${(f.panelCpuMs / websites).toFixed(2)} ms`),
    each((f) => f.agentCpuMs.map(cpu).join(', ')),
    each((f) => String(f.refused)),
  ].join(' | ');
}

export function serversMarkdown(report: ServersReport): string {
  const { environment, population, rounds } = report;
  const websites = population.customers * population.websitesPerCustomer;
  return [
    `${population.customers} customers with ${population.websitesPerCustomer} websites each (${websites} sites) spread over ${population.servers} servers, each with its own agent and nginx; ${rounds.length} round(s) of one bulk suspension and one bulk reactivation.`,
    'CPU is process time (user + system, /proc/<pid>/stat) from the call until the panel and every agent were quiet again.',
    '',
    "| direction | bulk call answered | every site answering | each server's sites | panel CPU | panel CPU per site | each agent's CPU | refused |",
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${directionRow(report, 'suspend')} |`,
    `| ${directionRow(report, 'reactivate')} |`,
    '',
    ...conditionLines(environment, rounds),
    `- load average (1 min) at the end: ${report.loadAverageAtEnd.toFixed(1)}`,
    '',
  ].join('\n');
}
