/**
 * The SOA serial after a change: the time in seconds, so that a zone deleted and created again
 * never goes back in serial for a secondary that still holds the old one; one more than before
 * when two changes fall in the same second.
 */
export function nextSerial(now: Date, previous = 0): number {
  return Math.max(previous + 1, Math.floor(now.getTime() / 1000));
}
