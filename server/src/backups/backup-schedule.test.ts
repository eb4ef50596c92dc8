import { describe, expect, it } from 'vitest';
import { keptByRetention } from './backup-schedule.js';

const at = (iso: string, id = iso) => ({ id, createdAt: new Date(iso) });

describe('which scheduled backups the retention keeps', () => {
  // Newest first, as the runner reads them: two on Wednesday 2026-12-02, one a day before that.
  const backups = [
    at('2026-12-03T02:00:00Z'),
    at('2026-12-02T14:00:00Z'),
    at('2026-12-02T02:00:00Z'),
    at('2026-12-01T02:00:00Z'),
    at('2026-11-30T02:00:00Z'),
    at('2026-11-25T02:00:00Z'),
    at('2026-11-18T02:00:00Z'),
  ];

  it('keeps the newest of each of the last days', () => {
    expect([...keptByRetention(backups, { keepDaily: 3, keepWeekly: 0 })]).toEqual([
      '2026-12-03T02:00:00Z',
      '2026-12-02T14:00:00Z',
      '2026-12-01T02:00:00Z',
    ]);
  });

  it('adds the newest of each of the last weeks (weeks start on Monday)', () => {
    expect([...keptByRetention(backups, { keepDaily: 1, keepWeekly: 3 })].sort()).toEqual(
      ['2026-12-03T02:00:00Z', '2026-11-25T02:00:00Z', '2026-11-18T02:00:00Z'].sort(),
    );
  });

  it('keeps nothing when both are 0', () => {
    expect(keptByRetention(backups, { keepDaily: 0, keepWeekly: 0 }).size).toBe(0);
  });
});
