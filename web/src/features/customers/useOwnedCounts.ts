import { useQueries } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Customer } from '../../api/types.js';
import { plural } from '../../components/format.js';

const countedResources = [
  { path: '/api/v1/customers/{id}/mailboxes', noun: 'mailbox', plural: 'mailboxes' },
  { path: '/api/v1/customers/{id}/ftp-accounts', noun: 'FTP account', plural: 'FTP accounts' },
  { path: '/api/v1/customers/{id}/dns-zones', noun: 'DNS zone', plural: 'DNS zones' },
] as const;

/**
 * What the customer owns, as lines such as "2 websites": sites and databases come with the
 * customer; the other resources are counted when their lists answer.
 */
export function useOwnedCounts(customer: Customer): string[] {
  const totals = useQueries({
    queries: countedResources.map(({ path }) => ({
      queryKey: ['customers', customer.id, path, 'count'],
      queryFn: async () => {
        const page = await unwrap(
          api.GET(path, { params: { path: { id: customer.id }, query: { page: 1, perPage: 1 } } }),
        );
        return page.total;
      },
      retry: false,
    })),
  });
  const lines = [plural(customer.siteCount, 'website'), plural(customer.databaseCount, 'database')];
  countedResources.forEach((resource, index) => {
    const total = totals[index]?.data;
    if (total !== undefined) lines.push(`${total} ${total === 1 ? resource.noun : resource.plural}`);
  });
  return lines;
}
