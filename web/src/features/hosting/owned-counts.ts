import type { Customer } from '../../api/types.js';
import { hostingKinds } from './kinds.js';

/** What the customer owns, one line per kind: "2 websites", "1 DNS zone". */
export function ownedCounts(customer: Customer): string[] {
  return hostingKinds.map((kind) => {
    const count = customer[kind.counter];
    return `${count} ${count === 1 ? kind.noun : kind.plural}`;
  });
}
