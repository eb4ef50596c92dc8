import { parseArgs } from 'node:util';
import type { MachineEnvironment } from './environment.js';

/** A `--name N` option that must be a positive integer; the error shows the benchmark's usage. */
export function positiveCount(name: string, raw: string, usage: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer\n${usage}`);
  return value;
}

/**
 * A benchmark's `--name N` options, each a positive count with its default, and `--help`, which
 * prints the usage and ends the run.
 */
export function countOptions<Name extends string>(
  defaults: Record<Name, number>,
  usage: string,
): Record<Name, number> {
  const names = Object.keys(defaults) as Name[];
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(names.map((name) => [name, { type: 'string', default: String(defaults[name]) }])),
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const given = values as Record<string, string | boolean | undefined>;
  return Object.fromEntries(
    names.map((name) => [name, positiveCount(name, String(given[name]), usage)]),
  ) as Record<Name, number>;
}

/** The lines under a results table: the machine, and how loaded it was as each round began. */
export function conditionLines(
  environment: MachineEnvironment,
  rounds: readonly { loadAverage: number }[],
): string[] {
  return [
    ...Object.entries(environment).map(([key, value]) => `- ${key}: ${value}`),
    `- load average (1 min) at each round's start: ${rounds.map((round) => round.loadAverage.toFixed(1)).join(', ')}`,
  ];
}
