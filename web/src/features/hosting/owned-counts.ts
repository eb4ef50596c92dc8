import type { Customer } from '../../api/types.js';
import type { AnyHostingKind } from './hosting-kind.js';
import { hostingKinds } from './kinds.js';

/** "2 websites", "1 DNS zone". */
function counted(kind: AnyHostingKind, count: number): string {
  return `${count} ${count === 1 ? kind.noun : kind.plural}`;
}

/** What the customer owns, one line per kind: "2 websites", "1 DNS zone". */
export function ownedCounts(customer: Customer): string[] {
  return hostingKinds.map((kind) => counted(kind, customer[kind.counter]));
}

/**
 * What a change does to what the customers really own together (one customer, or the selection of
 * a bulk action), one line per kind they have any of, from the kinds' own words: "2 websites: show
 * a “suspended” page (503) …". A new kind appears by itself.
 */
export function ownedEffects(
  customers: readonly Customer[],
  effect: (kind: AnyHostingKind) => string,
): string[] {
  return hostingKinds
    .map((kind) => ({ kind, count: customers.reduce((sum, customer) => sum + customer[kind.counter], 0) }))
    .filter(({ count }) => count > 0)
    .map(({ kind, count }) => `${counted(kind, count)}: ${effect(kind)}`);
}
