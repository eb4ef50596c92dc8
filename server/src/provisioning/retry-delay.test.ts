import { describe, expect, it } from 'vitest';
import { maxRetryDelayMs, retryDelayMs } from './claims.js';

describe('the backoff of a failed resource', () => {
  it('waits 1 s after the first failure and doubles after each further one', () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  it('never waits more than 30 s, however long the service stays down', () => {
    expect(maxRetryDelayMs).toBe(30_000);
    for (const attempts of [6, 7, 10, 100, 10_000]) expect(retryDelayMs(attempts)).toBe(30_000);
  });

  it('treats a resource with no recorded attempt as a first failure', () => {
    expect(retryDelayMs(0)).toBe(1000);
  });
});
