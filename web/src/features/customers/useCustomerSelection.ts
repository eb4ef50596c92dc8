import { useState } from 'react';
import type { Customer } from '../../api/types.js';

const noneChosen: ReadonlyMap<string, Customer> = new Map();

/**
 * The customers chosen for a bulk action. The choice belongs to one search and status filter:
 * when either changes it is gone, so nothing can act on a customer the operator no longer sees
 * listed (`scope` names them). It lasts across pages and sorts of that list.
 */
export function useCustomerSelection(scope: string, shown: readonly Customer[]) {
  const [state, setState] = useState(() => ({ scope, chosen: noneChosen }));
  const chosen = state.scope === scope ? state.chosen : noneChosen;

  const change = (edit: (next: Map<string, Customer>) => void) =>
    setState((previous) => {
      const next = new Map(previous.scope === scope ? previous.chosen : noneChosen);
      edit(next);
      return { scope, chosen: next };
    });

  // A listed customer is shown as the list has it now (a refreshed status and permissions).
  const listed = new Map(shown.map((customer) => [customer.id, customer]));
  const customers = [...chosen].map(([id, customer]) => listed.get(id) ?? customer);
  const onPage = shown.filter((customer) => chosen.has(customer.id)).length;

  return {
    customers,
    /** How much of the page shown is chosen, for its header box. */
    page: onPage === 0 ? ('none' as const) : onPage === shown.length ? ('all' as const) : ('some' as const),
    isChosen: (customer: Customer) => chosen.has(customer.id),
    choose: (customers: readonly Customer[], on: boolean) =>
      change((next) => {
        for (const customer of customers) {
          if (on) next.set(customer.id, customer);
          else next.delete(customer.id);
        }
      }),
    /** Takes the customers an action has done out of the choice; the refused stay chosen. */
    drop: (ids: readonly string[]) =>
      change((next) => {
        for (const id of ids) next.delete(id);
      }),
    clear: () => setState({ scope, chosen: noneChosen }),
  };
}

export type CustomerSelection = ReturnType<typeof useCustomerSelection>;
