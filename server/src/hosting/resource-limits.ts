import { eq } from 'drizzle-orm';
import type { CustomerRow } from '../access/visible-customer.js';
import type { Queryable } from '../db/database.js';
import { packages } from '../db/schema/packages.js';
import { unprocessable } from '../errors/problem.js';
import type { AnyResourceKind } from './resource-kind.js';

/**
 * Refuses one more resource of a kind when the customer's package caps it (null means unlimited).
 * Called with the customer row locked, so its count is the one a concurrent create would see.
 */
export async function assertWithinPackageLimit(
  db: Queryable,
  customer: CustomerRow,
  kind: AnyResourceKind,
): Promise<void> {
  const limit = kind.limit;
  if (!customer.packageId || limit === null) return;
  const [plan] = await db
    .select({ name: packages.name, cap: packages[limit] })
    .from(packages)
    .where(eq(packages.id, customer.packageId));
  const current = customer[kind.counter];
  if (!plan || plan.cap === null || current < plan.cap) return;
  throw unprocessable(
    `The package "${plan.name}" allows ${plan.cap} ${kind.plural}; this customer has ${current}.`,
    [{ field: `limits.${limit}`, message: `package limit of ${plan.cap} reached` }],
    'package-limit',
  );
}
