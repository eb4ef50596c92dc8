import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import { type ListParams, listQuery } from '../../components/list/useListParams.js';

export const auditFilters = ['customerId', 'resellerId', 'actorId', 'from', 'to'] as const;

/** The start of a day (YYYY-MM-DD) in the browser's time zone, `days` later, as the API's timestamp. */
function dayStart(day: string, days = 0): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return '';
  return new Date(year, month - 1, date + days).toISOString();
}

/** The log's query: the chosen people and customer, and the days from one to another, both whole. */
export function auditQuery(view: ListParams) {
  const from = view.filter('from');
  const to = view.filter('to');
  return listQuery(view, {
    customerId: view.filter('customerId'),
    resellerId: view.filter('resellerId'),
    actorId: view.filter('actorId'),
    from: from && dayStart(from),
    to: to && dayStart(to, 1),
  });
}

export function useAuditLog(view: ListParams) {
  const query = auditQuery(view);
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
