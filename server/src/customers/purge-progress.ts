import { inArray, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import type { AnyResourceKind, HostedTable } from '../hosting/resource-kind.js';
import type { Customer } from './customers.schemas.js';

type WaitingResource = NonNullable<Customer['purgeWaitingFor']>[number];

/**
 * Each purging customer with the resources its purge still waits for: applied to a service that
 * has not taken them down, with the service's error (its setting gone, its server down). The
 * others pass through unchanged.
 */
export async function withPurgeProgress<Shown extends Pick<Customer, 'id' | 'purgeStartedAt'>>(
  db: Queryable,
  kinds: readonly AnyResourceKind[],
  shown: Shown[],
): Promise<(Shown & Pick<Customer, 'purgeWaitingFor'>)[]> {
  const purging = shown.filter((customer) => customer.purgeStartedAt !== null).map((customer) => customer.id);
  if (purging.length === 0) return shown;
  const waiting = new Map<string, WaitingResource[]>(purging.map((id) => [id, []]));
  for (const kind of kinds) {
    const table: HostedTable = kind.table;
    const rows = await db.select().from(table).where(inArray(table.customerId, purging));
    for (const row of rows as { id: string; customerId: string; provisioningError: string | null }[]) {
      waiting.get(row.customerId)?.push({
        kind: kind.noun,
        id: row.id,
        name: kind.label(row),
        error: row.provisioningError,
      });
    }
  }
  return shown.map((customer) =>
    waiting.has(customer.id) ? { ...customer, purgeWaitingFor: waiting.get(customer.id) } : customer,
  );
}

/**
 * Every purge that waits for resources, across all customers: for `keel doctor`, which an
 * operator runs on the server itself, so no actor scopes it.
 */
export async function unsafeWaitingPurges(db: Queryable, kinds: readonly AnyResourceKind[]) {
  const purging = await db
    .select({ id: customers.id, email: customers.email, purgeStartedAt: customers.purgeStartedAt })
    .from(customers)
    .where(isNotNull(customers.purgeStartedAt));
  const progress = await withPurgeProgress(
    db,
    kinds,
    purging.map((customer) => ({
      id: customer.id,
      purgeStartedAt: customer.purgeStartedAt?.toISOString() ?? null,
    })),
  );
  return purging.map((customer, index) => ({
    id: customer.id,
    email: customer.email,
    waitingFor: progress[index]?.purgeWaitingFor ?? [],
  }));
}
