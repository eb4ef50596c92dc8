import { useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Customer, CustomerChanges, NewCustomer } from '../../api/types.js';
import { useApiMutation } from '../../components/useApiMutation.js';
import { useSwitchSession } from '../auth/session.js';
import { rememberReturnPath } from '../impersonation/return-path.js';

const byId = (customer: Customer) => ({ params: { path: { id: customer.id } } });
/** An action that takes no fields still sends an empty JSON object, as its schema asks. */
const actionOn = (customer: Customer) => ({ ...byId(customer), body: {} });

export function fullName(customer: Pick<Customer, 'firstName' | 'lastName'>): string {
  return `${customer.firstName} ${customer.lastName}`;
}

export function useCreateCustomer() {
  return useApiMutation({
    run: (body: NewCustomer) => unwrap(api.POST('/api/v1/customers', { body })),
    success: ({ customer }) => `Customer ${fullName(customer)} created`,
  });
}

export function useUpdateCustomer(customer: Customer) {
  return useApiMutation({
    run: (body: CustomerChanges) => unwrap(api.PATCH('/api/v1/customers/{id}', { ...byId(customer), body })),
    success: (saved) => `Customer ${fullName(saved)} saved`,
  });
}

/** Sets the given password, or generates one when none is given (then returned once). */
export function useSetCustomerPassword(
  customer: Pick<Customer, 'id'>,
  onDone?: (generated: string | null) => void,
) {
  return useApiMutation({
    run: async (body: { password?: string; currentPassword?: string }) => {
      const result = await unwrap(
        api.POST('/api/v1/customers/{id}/password', { params: { path: { id: customer.id } }, body }),
      );
      return result && typeof result === 'object' && 'password' in result ? result.password : null;
    },
    success: (generated) => (generated ? 'New password generated' : 'Password changed'),
    onDone: onDone ? (generated) => onDone(generated) : undefined,
    credentialCheck: true,
  });
}

export function useSuspendCustomer(customer: Customer) {
  return useApiMutation({
    run: (reason: string) =>
      unwrap(
        api.POST('/api/v1/customers/{id}/suspend', { ...byId(customer), body: reason ? { reason } : {} }),
      ),
    success: () => `Customer ${fullName(customer)} suspended`,
  });
}

/** Starts moving the customer to another server; its `move` then shows how far it got. */
export function useMoveCustomer(customer: Customer) {
  return useApiMutation({
    run: (serverId: string) =>
      unwrap(api.POST('/api/v1/customers/{id}/move', { ...byId(customer), body: { serverId } })),
    success: (moved) => `Moving ${fullName(customer)} to ${moved.move?.toServer.name ?? 'the server'}`,
  });
}

export function useReactivateCustomer(customer: Customer) {
  return useApiMutation({
    run: () => unwrap(api.POST('/api/v1/customers/{id}/reactivate', actionOn(customer))),
    success: () => `Customer ${fullName(customer)} activated`,
  });
}

export function useDeleteCustomer(customer: Customer) {
  return useApiMutation({
    run: () => unwrap(api.DELETE('/api/v1/customers/{id}', actionOn(customer))),
    success: (deleted) =>
      deleted?.purgeAfter
        ? `Customer ${fullName(customer)} deleted; it will be permanently deleted on ${new Date(deleted.purgeAfter).toLocaleDateString()}`
        : `Customer ${fullName(customer)} is being permanently deleted`,
  });
}

export function useRestoreCustomer(customer: Customer) {
  return useApiMutation({
    run: () => unwrap(api.POST('/api/v1/customers/{id}/restore', actionOn(customer))),
    success: () => `Customer ${fullName(customer)} restored`,
  });
}

export function usePurgeCustomer(customer: Customer) {
  return useApiMutation({
    run: () => unwrap(api.POST('/api/v1/customers/{id}/purge', actionOn(customer))),
    success: () => `Permanent deletion of ${fullName(customer)} has started`,
  });
}

/**
 * Acts as the customer: the session switches and the customer's own view opens. No toast: the
 * impersonation banner says whom one is logged in as, and a toast would cover its "Back to Admin".
 */
export function useImpersonateCustomer() {
  const switchSession = useSwitchSession();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  return useApiMutation({
    run: (customer: Customer) =>
      unwrap(api.POST('/api/v1/customers/{id}/impersonate', { ...byId(customer), body: {} })),
    onDone: (session) => {
      rememberReturnPath(pathname + search);
      switchSession(session);
      navigate('/account');
    },
  });
}
