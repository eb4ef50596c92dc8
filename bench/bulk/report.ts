import { conditionLines } from '../convergence/bench-cli.js';
import type { BenchEnvironment } from '../convergence/environment.js';
import type { BulkRoundOf } from './rounds.js';

export interface BulkDirection {
  /** How long the bulk call itself took to answer. */
  answerMs: number;
  /** From the call until every site answered the target status. */
  sitesMs: number;
  /** nginx reloads from the call until the reconciler had nothing left to do. */
  reloads: number;
  /** Customers whose result was not the single call's success (must be 0). */
  refused: number;
}

export interface BulkReport {
  environment: BenchEnvironment;
  population: { customers: number; websitesPerCustomer: number; batchSize: number };
  rounds: BulkRoundOf<BulkDirection>[];
}

/** Issue 16's targets, per direction. */
const TARGET_MS = 10_000;
const TARGET_RELOADS = 5;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function directionRow(report: BulkReport, name: 'suspend' | 'reactivate'): string {
  const figures = report.rounds.map((round) => round[name]);
  const met = figures.every((f) => f.sitesMs < TARGET_MS && f.reloads <= TARGET_RELOADS && f.refused === 0);
  const status = name === 'suspend' ? 503 : 200;
  return [
    `${name} (all ${status})`,
    figures.map((f) => seconds(f.answerMs)).join(', '),
    figures.map((f) => seconds(f.sitesMs)).join(', '),
    figures.map((f) => f.reloads).join(', '),
    met ? 'met' : 'missed',
  ].join(' | ');
}

export function bulkMarkdown(report: BulkReport): string {
  const { environment, population, rounds } = report;
  const websites = population.customers * population.websitesPerCustomer;
  return [
    `${population.customers} customers with ${population.websitesPerCustomer} websites each (${websites} vhosts), ${rounds.length} rounds; reconciler batches of up to ${population.batchSize} websites.`,
    `Target per direction: every site answering in under ${seconds(TARGET_MS)}, at most ${TARGET_RELOADS} nginx reloads.`,
    '',
    '| direction | bulk call answered | every site answering | nginx reloads | target |',
    '| --- | ---: | ---: | ---: | --- |',
    `| ${directionRow(report, 'suspend')} |`,
    `| ${directionRow(report, 'reactivate')} |`,
    '',
    ...conditionLines(environment, rounds),
    '',
  ].join('\n');
}
