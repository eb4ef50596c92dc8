import { performance } from 'node:perf_hooks';

export interface Latency {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
}

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

const warmUps = 5;
const minSamples = 30;
const maxSamples = 1_000;

/**
 * Times `run` one call after another (after a few warm-up calls): for `seconds`, but never fewer
 * than 30 samples, so a slow shape still gets a p95 worth reading, and at most 1,000.
 */
export async function sampleSequentially(run: () => Promise<unknown>, seconds: number): Promise<Latency> {
  for (let i = 0; i < warmUps; i++) await run();
  const durations: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  while (durations.length < maxSamples && (durations.length < minSamples || performance.now() < deadline)) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  return latencyOf(durations);
}

/** The percentiles of the given durations (sorted in place). */
export function latencyOf(durations: number[]): Latency {
  durations.sort((a, b) => a - b);
  return {
    samples: durations.length,
    p50: percentile(durations, 0.5),
    p95: percentile(durations, 0.95),
    p99: percentile(durations, 0.99),
  };
}
