import { conditionLines } from './bench-cli.js';
import type { DirectionFigures } from './direction.js';
import type { BenchEnvironment } from './environment.js';

export interface ConvergenceRound {
  /** The machine's 1-minute load average as the round began: other work slows convergence down. */
  loadAverage: number;
  suspend: DirectionFigures;
  reactivate: DirectionFigures;
}

export interface ConvergenceReport {
  environment: BenchEnvironment;
  customer: { websites: number; databases: number };
  rounds: ConvergenceRound[];
}

/** Issue 5's targets, per direction. */
const TARGET_MS = 2000;
const TARGET_RELOADS = 1;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const spread = (values: number[]) => ({ median: median(values), max: Math.max(...values) });
const ms = (value: number) => `${Math.round(value)} ms`;

function directionRow(report: ConvergenceReport, name: 'suspend' | 'reactivate'): string {
  const figures = report.rounds.map((round) => round[name]);
  const sites = spread(figures.map((f) => f.sitesMs));
  const accounts = spread(figures.map((f) => f.accountsMs));
  const reloads = spread(figures.map((f) => f.reloads));
  const met =
    sites.max < TARGET_MS && accounts.max < TARGET_MS && figures.every((f) => f.reloads === TARGET_RELOADS);
  const [status, lock] = name === 'suspend' ? ['503', 'locked'] : ['200', 'unlocked'];
  return [
    `${name} (all ${status}, all ${lock})`,
    `${ms(sites.median)} / ${ms(sites.max)}`,
    `${ms(accounts.median)} / ${ms(accounts.max)}`,
    `${reloads.median} / ${reloads.max}`,
    met ? 'met' : 'missed',
  ].join(' | ');
}

export function convergenceMarkdown(report: ConvergenceReport): string {
  const { environment, customer, rounds } = report;
  return [
    `One customer with ${customer.websites} websites and ${customer.databases} databases, ${rounds.length} rounds.`,
    `Target per direction: every site and user converged in under ${TARGET_MS} ms, exactly ${TARGET_RELOADS} nginx reload.`,
    '',
    '| direction | time to all sites (median / max) | time to all users (median / max) | nginx reloads (median / max) | target |',
    '| --- | ---: | ---: | ---: | --- |',
    `| ${directionRow(report, 'suspend')} |`,
    `| ${directionRow(report, 'reactivate')} |`,
    '',
    ...conditionLines(environment, rounds),
    '',
  ].join('\n');
}
