import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { BulkCustomerChange, BulkCustomerResult, Customer, Permission } from '../../api/types.js';
import { useApiMutation } from '../../components/useApiMutation.js';
import { type CustomerAction, customerActions } from './CustomerRowActions.js';
import type { CustomerListQuery } from './queries.js';

/** The most customers one bulk call takes (the API's limit). */
export const bulkMaxCustomers = 1000;

export type BulkAction = {
  action: BulkCustomerChange['action'];
  /** The bar's button and the confirmation's. */
  label: string;
  /** The summary's word for a customer it was done to: "12 suspended". */
  done: string;
  /** The customer's permission that says whether the action applies to it, as its single call. */
  permission: keyof Customer['permissions'];
  color?: string;
};

const single = (
  { label, permission, color }: CustomerAction,
  action: BulkCustomerChange['action'],
  done: string,
): BulkAction => ({ action, label, done, permission, ...(color ? { color } : {}) });

// In the order of the row menu's actions and under their words (the seed's "Activate"); a package
// change is an edit of the customer, with its own permission (refused during a move).
export const bulkActions: readonly BulkAction[] = [
  single(customerActions.suspend, 'suspend', 'suspended'),
  single(customerActions.activate, 'reactivate', 'activated'),
  {
    ...single(customerActions.edit, 'change-package', 'changed'),
    label: 'Change Package',
    permission: 'changePackage',
  },
  single(customerActions.remove, 'delete', 'deleted'),
  single(customerActions.restore, 'restore', 'restored'),
];

export const permissionOf = (customer: Customer, action: BulkAction): Permission =>
  customer.permissions[action.permission];

/** The actions that apply to at least one of the customers, by their permissions. */
export const offeredActions = (customers: readonly Customer[]): BulkAction[] =>
  bulkActions.filter((action) => customers.some((customer) => permissionOf(customer, action).allowed));

/** One call for all of them; each customer's result is its single call's answer. */
export function useBulkCustomerAction() {
  return useApiMutation({
    run: async (body: BulkCustomerChange) =>
      (await unwrap(api.POST('/api/v1/customers/bulk', { body }))).results,
  });
}

/** Done: 200, or 202 for a deletion whose purge started at once. */
export const wasDone = (result: BulkCustomerResult) => result.status < 300;

/** "12 suspended; 2 refused". */
export function summaryOf(action: BulkAction, results: readonly BulkCustomerResult[]): string {
  const refused = results.filter((result) => !wasDone(result)).length;
  return `${results.length - refused} ${action.done}${refused > 0 ? `; ${refused} refused` : ''}`;
}

/**
 * Every customer of the list the operator sees (its search, status filter and sort), page by page
 * along the cursor. Stops past the bulk limit: the list may have grown since its total was read.
 */
async function allMatching(query: CustomerListQuery): Promise<Customer[]> {
  const { page: _page, perPage: _perPage, ...filters } = query;
  const customers: Customer[] = [];
  let after: string | undefined;
  do {
    const page = await unwrap(
      api.GET('/api/v1/customers', {
        params: { query: { ...filters, page: 1, perPage: 100, ...(after ? { after } : {}) } },
      }),
    );
    customers.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after && customers.length <= bulkMaxCustomers);
  return customers;
}

export function useAllMatching(query: CustomerListQuery) {
  return useMutation({ mutationFn: () => allMatching(query) });
}
