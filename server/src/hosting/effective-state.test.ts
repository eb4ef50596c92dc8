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
    expect(effectiveState(on, active, 'websites')).toBe('live');
    expect(effectiveState(off, active, 'websites')).toBe('suspended');
  });

  it('is suspended whatever the switch while the customer is suspended or soft-deleted', () => {
    for (const table of ['websites', 'databases'] as const) {
      expect(effectiveState(on, suspended, table)).toBe('suspended');
      expect(effectiveState(off, suspended, table)).toBe('suspended');
      expect(effectiveState(on, deleted, table)).toBe('suspended');
    }
  });

  it('keeps a DNS zone served while its customer is suspended, and withdraws it at soft delete', () => {
    expect(effectiveState(on, suspended, 'dns_zones')).toBe('live');
    expect(effectiveState(off, suspended, 'dns_zones')).toBe('suspended');
    expect(effectiveState(on, deleted, 'dns_zones')).toBe('suspended');
  });

  it('keeps a disabled resource disabled after its customer is reactivated', () => {
    expect(effectiveState(off, suspended, 'websites')).toBe('suspended');
    expect(effectiveState(off, active, 'websites')).toBe('suspended');
  });

  it('is absent once removed or while the customer is purged', () => {
    for (const table of ['websites', 'databases', 'dns_zones'] as const) {
      expect(effectiveState(removed, active, table)).toBe('absent');
      expect(effectiveState(on, purging, table)).toBe('absent');
    }
  });
});
