import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';

const bothWrite = (ms: number) => {
  const date = new Date(ms);
  return { ours: isoTime(date), v8: date.toISOString() };
};

describe('isoTime', () => {
  it('writes what toISOString writes at the edges of days, months, years, leap years and its range', () => {
    const edges = [
      0,
      -1,
      1,
      Date.UTC(2000, 1, 29, 12, 30, 45, 7),
      Date.UTC(1900, 1, 28, 23, 59, 59, 999),
      Date.UTC(1900, 2, 1),
      Date.UTC(2100, 1, 28, 23, 59, 59, 999),
      Date.UTC(2024, 11, 31, 23, 59, 59, 999),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      // Year 0 is the first written with four digits; the millisecond before it has a sign and six.
      Date.UTC(0, 0, 1) - 1,
      Date.UTC(0, 0, 1) - 1 + 1,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1,
      8.64e15,
      -8.64e15,
    ];
    for (const ms of edges) {
      const { ours, v8 } = bothWrite(ms);
      expect(ours, String(ms)).toBe(v8);
    }
    expect(isoTime(new Date(Date.UTC(2026, 11, 6, 19, 5, 3, 40)))).toBe('2026-12-06T19:05:03.040Z');
  });

  it('agrees with toISOString over 200,000 times spread over its whole range and the years near now', () => {
    let seed = 17;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const disagreeing: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const span = i % 2 === 0 ? 8.64e15 : 4e12; // all of Date's range, or 1843–2096
      const ms = Math.floor((next() * 2 - 1) * span);
      const { ours, v8 } = bothWrite(ms);
      if (ours !== v8) disagreeing.push(ms);
    }
    expect(disagreeing).toEqual([]);
  });

  it('throws on an invalid date as toISOString does', () => {
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
