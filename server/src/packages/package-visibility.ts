import { and, eq, isNull, or } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { packages } from '../db/schema/packages.js';
import { unprocessable } from '../errors/problem.js';

/**
 * The packages a reseller may assign to its customers: the admins' packages and its own. A
 * customer without a reseller (the admins' own) may only have one of the admins' packages.
 */
export const packagesAssignableBy = (resellerId: string | null) =>
  resellerId
    ? or(isNull(packages.ownerResellerId), eq(packages.ownerResellerId, resellerId))
    : isNull(packages.ownerResellerId);

/**
 * Checks that a customer of `resellerId` may have this package, and returns it. Call it inside the
 * transaction that assigns the package: the row is share-locked, so a concurrent delete of the
 * package waits and then sees the customer that uses it.
 * @throws 422 when the package does not exist or belongs to another reseller.
 */
export async function assertPackageVisibleToReseller(
  db: Queryable,
  packageId: string,
  resellerId: string | null,
): Promise<{ id: string; name: string }> {
  const [found] = await db
    .select({ id: packages.id, name: packages.name })
    .from(packages)
    .where(and(eq(packages.id, packageId), packagesAssignableBy(resellerId)))
    .for('share');
  if (!found) {
    throw unprocessable('This package cannot be assigned to this customer.', [
      {
        field: 'packageId',
        message: resellerId
          ? "must be one of the admins' packages or one of the reseller's own"
          : "must be one of the admins' packages",
      },
    ]);
  }
  return found;
}
