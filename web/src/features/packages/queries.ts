import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import { type ListParams, listQuery } from '../../components/list/useListParams.js';

export function usePackageList(view: ListParams) {
  const query = listQuery(view);
  return useQuery({
    queryKey: ['packages', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/packages', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** The packages the caller may assign, as choices for a dropdown. */
export function usePackageOptions() {
  return useQuery({
    queryKey: ['packages', 'options'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/packages', { params: { query: { page: 1, perPage: 100, sort: 'name' } } })),
    select: (page) =>
      page.items.map((hostingPackage) => ({ value: hostingPackage.id, label: hostingPackage.name })),
  });
}
