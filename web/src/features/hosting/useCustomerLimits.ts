import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Customer } from '../../api/types.js';
import { useSignedInSession } from '../auth/session.js';
import type { CustomerLimits } from './usage.js';

/**
 * The limits of the customer's package. The API lets admins and resellers read packages, not
 * customers (nor support logged in as one), so there the limits stay unknown and are not asked.
 */
export function useCustomerLimits(customer: Customer): CustomerLimits {
  const { user } = useSignedInSession();
  const packageId = customer.package?.id;
  const plan = useQuery({
    queryKey: ['packages', 'one', packageId],
    queryFn: () => unwrap(api.GET('/api/v1/packages/{id}', { params: { path: { id: packageId ?? '' } } })),
    enabled: packageId !== undefined && user.role !== 'customer',
  });
  if (!customer.package) return null;
  return plan.data?.limits;
}
