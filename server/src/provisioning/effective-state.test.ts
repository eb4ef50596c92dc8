import { describe, expect, it } from 'vitest';
import { effectiveState } from './effective-state.js';

const on = { enabled: true, removedAt: null };
const off = { enabled: false, removedAt: null };
const removed = { enabled: true, removedAt: new Date() };
const active = { status: 'active' as const, purgeStartedAt: null };
const suspended = { status: 'suspended' as const, purgeStartedAt: null };
const deleted = { status: 'deleted' as const, purgeStartedAt: null };
const purging = { status: 'deleted' as const, purgeStartedAt: new Date() };

describe('effective state of a hosting resource', () => {
  it('is live only when enabled and the customer is active', () => {
    expect(effectiveState(on, active)).toBe('live');
    expect(effectiveState(off, active)).toBe('suspended');
  });

  it('is suspended whatever the switch while the customer is suspended or soft-deleted', () => {
    expect(effectiveState(on, suspended)).toBe('suspended');
    expect(effectiveState(off, suspended)).toBe('suspended');
    expect(effectiveState(on, deleted)).toBe('suspended');
  });

  it('keeps a disabled resource disabled after its customer is reactivated', () => {
    expect(effectiveState(off, suspended)).toBe('suspended');
    expect(effectiveState(off, active)).toBe('suspended');
  });

  it('is absent once removed or while the customer is purged', () => {
    expect(effectiveState(removed, active)).toBe('absent');
    expect(effectiveState(on, purging)).toBe('absent');
  });
});
