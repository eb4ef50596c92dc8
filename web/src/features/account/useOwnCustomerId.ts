import { useSignedInSession } from '../auth/session.js';

/** The customer account the signed-in customer (or whoever acts as it) owns. */
export function useOwnCustomerId(): string {
  const { user } = useSignedInSession();
  if (!user.customerId) throw new Error('The session user is not a customer');
  return user.customerId;
}
