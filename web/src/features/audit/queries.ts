import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import { type ListParams, listQuery } from '../../components/list/useListParams.js';

export const auditFilters = ['customerId', 'actorId', 'action'] as const;

export function useAuditLog(view: ListParams) {
  const query = listQuery(view, Object.fromEntries(auditFilters.map((name) => [name, view.filter(name)])));
  return useQuery({
    queryKey: ['audit', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/audit', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerActivity(customerId: string, view: ListParams) {
  const query = listQuery(view);
  return useQuery({
    queryKey: ['audit', 'customer', customerId, query],
    queryFn: () =>
      unwrap(api.GET('/api/v1/customers/{id}/audit', { params: { path: { id: customerId }, query } })),
    placeholderData: keepPreviousData,
  });
}
