import { eq } from 'drizzle-orm';
import type { CustomerRow } from '../access/visible-customer.js';
import type { Queryable } from '../db/database.js';
import { packages } from '../db/schema/packages.js';
import { unprocessable } from '../errors/problem.js';

const limitNames = { sites: 'websites', databases: 'databases', dnsZones: 'DNS zones' } as const;

/** Refuses one more resource when the customer's package caps that kind (null means unlimited). */
export async function assertWithinPackageLimit(
  db: Queryable,
  customer: CustomerRow,
  limit: keyof typeof limitNames,
  current: number,
): Promise<void> {
  if (!customer.packageId) return;
  const [plan] = await db
    .select({ name: packages.name, cap: packages[limit] })
    .from(packages)
    .where(eq(packages.id, customer.packageId));
  if (!plan || plan.cap === null || current < plan.cap) return;
  throw unprocessable(
    `The package "${plan.name}" allows ${plan.cap} ${limitNames[limit]}; this customer has ${current}.`,
    [{ field: `limits.${limit}`, message: `package limit of ${plan.cap} reached` }],
    'package-limit',
  );
}
