import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { CustomerStatus } from '../../api/types.js';
import { type ListParams, listQuery } from '../../components/list/useListParams.js';

export const customerStatuses: readonly CustomerStatus[] = ['active', 'suspended', 'deleted'];

function statusFilter(raw: string): { status?: CustomerStatus } {
  const status = customerStatuses.find((known) => known === raw);
  return status ? { status } : {};
}

/** The API query of the list the operator sees: its page, sort, search, status and server filters. */
export function customerListQuery(view: ListParams) {
  const serverId = view.filter('serverId');
  return { ...listQuery(view), ...statusFilter(view.filter('status')), ...(serverId ? { serverId } : {}) };
}

export type CustomerListQuery = ReturnType<typeof customerListQuery>;

export function useCustomerList(view: ListParams) {
  const query = customerListQuery(view);
  return useQuery({
    queryKey: ['customers', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/customers', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string | null | undefined) {
  return useQuery({
    queryKey: ['customers', 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
    // A move runs in the background: its progress shows as it goes.
    refetchInterval: (query) => (query.state.data?.move?.state === 'running' ? 3000 : false),
  });
}

/** The servers the customer could move to now, and why not the others: the move's own rule. */
export function useMoveTargets(id: string) {
  return useQuery({
    queryKey: ['customers', 'move-targets', id],
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}/move-targets', { params: { path: { id } } })),
  });
}
