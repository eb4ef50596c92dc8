import type { ActingUser } from '../access/actor.js';
import type { CustomerStatus } from '../db/schema/customers.js';

export const impersonationMaxMinutes = 60;

/**
 * May `real` act as the customer? Admins may act as any customer, a reseller only as its own;
 * nobody as an admin, a reseller or a soft-deleted customer. Checked at start and on every request.
 */
export function mayImpersonate(
  real: ActingUser,
  target: { user: ActingUser; customerStatus: CustomerStatus | null; customerResellerId: string | null },
): boolean {
  if (target.user.role !== 'customer' || target.customerStatus === null) return false;
  if (target.customerStatus === 'deleted') return false;
  if (real.role === 'admin') return true;
  return (
    real.role === 'reseller' && real.resellerId !== null && target.customerResellerId === real.resellerId
  );
}

export function impersonationExpired(startedAt: Date | null, now: Date): boolean {
  return startedAt === null || now.getTime() - startedAt.getTime() > impersonationMaxMinutes * 60_000;
}
