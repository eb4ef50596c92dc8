import type { Actor } from '../access/actor.js';
import { visibleCustomer } from '../access/visible-customer.js';
import type { Queryable } from '../db/database.js';
import { limitsOfPackage } from '../packages/packages.queries.js';
import type { PackageLimits } from '../packages/packages.schemas.js';

/**
 * The limits of the customer's package, for whoever may see the customer: the customer itself
 * reads them here, as it may read no package. 404 when the actor may not see the customer.
 */
export async function customerLimits(
  db: Queryable,
  actor: Actor,
  customerId: string,
): Promise<PackageLimits> {
  const customer = await visibleCustomer(db, actor, customerId);
  return limitsOfPackage(db, customer.packageId);
}
