import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Customer } from '../../api/types.js';
import type { CustomerLimits } from './usage.js';

/**
 * The limits of the customer's package, from the customer's own `…/limits`, which the customer
 * (and support logged in as it) may read as well as its admin and reseller; without a package,
 * nothing caps it and nothing is asked.
 */
export function useCustomerLimits(customer: Customer): CustomerLimits {
  const packageId = customer.package?.id;
  const limits = useQuery({
    queryKey: ['customers', customer.id, 'limits', packageId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/customers/{id}/limits', { params: { path: { id: customer.id } } })),
    enabled: packageId !== undefined,
  });
  if (!customer.package) return null;
  return limits.data;
}
