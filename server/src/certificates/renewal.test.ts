import { describe, expect, it } from 'vitest';
import { renewalAt, retryDelayMs } from './renewal.js';

const DAY_MS = 24 * 3600 * 1000;
const start = new Date('2027-01-01T00:00:00Z');
const dayOf = (days: number) => new Date(start.getTime() + days * DAY_MS);

describe('when a certificate is ordered again', () => {
  it('renews a 90-day certificate 30 days before it expires', () => {
    expect(renewalAt(start, dayOf(90))).toEqual(dayOf(60));
  });

  it('never renews in the first half of a short-lived certificate', () => {
    expect(renewalAt(start, dayOf(40))).toEqual(dayOf(20));
  });

  it('waits 1, 4, 16 … minutes after failures in a row, at most a day', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([60_000, 240_000, 960_000]);
    expect(retryDelayMs(20)).toBe(DAY_MS);
  });
});
