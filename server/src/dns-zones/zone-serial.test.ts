import { describe, expect, it } from 'vitest';
import { nextSerial } from './zone-serial.js';

describe('the SOA serial of a zone', () => {
  const noon = new Date('2026-12-02T12:00:00.750Z');
  const seconds = Math.floor(noon.getTime() / 1000);

  it('is the time in seconds for a new zone', () => {
    expect(nextSerial(noon)).toBe(seconds);
  });

  it('moves on to the time when the last change was earlier', () => {
    expect(nextSerial(noon, seconds - 3600)).toBe(seconds);
  });

  it('grows by one for a second change in the same second, or after the clock went back', () => {
    expect(nextSerial(noon, seconds)).toBe(seconds + 1);
    expect(nextSerial(noon, seconds + 50)).toBe(seconds + 51);
  });
});
