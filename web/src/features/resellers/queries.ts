import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import { type ListParams, listQuery } from '../../components/list/useListParams.js';

export function useResellerList(view: ListParams) {
  const query = listQuery(view);
  return useQuery({
    queryKey: ['resellers', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/resellers', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Resellers as choices for a dropdown (admins only). */
export function useResellerOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['resellers', 'options'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/resellers', { params: { query: { page: 1, perPage: 100, sort: 'name' } } })),
    select: (page) => page.items.map((reseller) => ({ value: reseller.id, label: reseller.name })),
    enabled,
  });
}
