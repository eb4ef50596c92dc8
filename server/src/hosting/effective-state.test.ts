import { describe, expect, it } from 'vitest';
import { effectiveState, type StatusStates, servedWhileActive } from './effective-state.js';

const on = { enabled: true, removedAt: null };
const off = { enabled: false, removedAt: null };
const removed = { enabled: true, removedAt: new Date() };
const active = { status: 'active' as const, purgeStartedAt: null };
const suspended = { status: 'suspended' as const, purgeStartedAt: null };
const deleted = { status: 'deleted' as const, purgeStartedAt: null };
const purging = { status: 'deleted' as const, purgeStartedAt: new Date() };
const servedWhileSuspended: StatusStates = { active: 'live', suspended: 'live', deleted: 'suspended' };

describe('effective state of a hosting resource', () => {
  it('is live only when enabled and the customer is active', () => {
    expect(effectiveState(on, active, servedWhileActive)).toBe('live');
    expect(effectiveState(off, active, servedWhileActive)).toBe('suspended');
  });

  it('is suspended whatever the switch while the customer is suspended or soft-deleted', () => {
    expect(effectiveState(on, suspended, servedWhileActive)).toBe('suspended');
    expect(effectiveState(off, suspended, servedWhileActive)).toBe('suspended');
    expect(effectiveState(on, deleted, servedWhileActive)).toBe('suspended');
  });

  it("follows a kind's own rule: served while the customer is suspended, withdrawn at soft delete", () => {
    expect(effectiveState(on, suspended, servedWhileSuspended)).toBe('live');
    expect(effectiveState(off, suspended, servedWhileSuspended)).toBe('suspended');
    expect(effectiveState(on, deleted, servedWhileSuspended)).toBe('suspended');
  });

  it('keeps a disabled resource disabled after its customer is reactivated', () => {
    expect(effectiveState(off, suspended, servedWhileActive)).toBe('suspended');
    expect(effectiveState(off, active, servedWhileActive)).toBe('suspended');
  });

  it('is absent once removed or while the customer is purged', () => {
    for (const states of [servedWhileActive, servedWhileSuspended]) {
      expect(effectiveState(removed, active, states)).toBe('absent');
      expect(effectiveState(on, purging, states)).toBe('absent');
    }
  });
});
