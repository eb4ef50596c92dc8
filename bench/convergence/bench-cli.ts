import type { BenchEnvironment } from './environment.js';

/** A `--name N` option that must be a positive integer; the error shows the benchmark's usage. */
export function positiveCount(name: string, raw: string, usage: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer\n${usage}`);
  return value;
}

/** The lines under a results table: the machine, and how loaded it was as each round began. */
export function conditionLines(
  environment: BenchEnvironment,
  rounds: readonly { loadAverage: number }[],
): string[] {
  return [
    ...Object.entries(environment).map(([key, value]) => `- ${key}: ${value}`),
    `- load average (1 min) at each round's start: ${rounds.map((round) => round.loadAverage.toFixed(1)).join(', ')}`,
  ];
}
