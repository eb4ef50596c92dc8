import { and, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { neverApplied } from '../hosting/hosted-resources.js';
import type { HostedKind } from './reconciled-kind.js';
import { type ServerRef, serverIdOf } from './server-ref.js';

/**
 * Customers of the server being purged whose resources are off their services (or were never on
 * them): the purge's next step is their home directory, which only that server's machine can
 * remove (its agent, purge-customer.ts's `files` step waits for it). A kind every server of a
 * role serves (DNS zones) is not on the customer's server, so it does not hold its home.
 */
export async function homesToRemove(
  db: Database,
  server: ServerRef,
  kinds: readonly HostedKind[],
  now: Date,
): Promise<string[]> {
  const applied = kinds
    .filter((kind) => !kind.servedBy)
    .map(
      ({ table }) =>
        sql`not exists (select 1 from ${table} where ${table.customerId} = ${customers.id} and not (${neverApplied({ table }, now)}))`,
    );
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        sql`${customers.serverId} = ${serverIdOf(server)}`,
        isNotNull(customers.purgeStartedAt),
        isNull(customers.homeRemovedAt),
        ...applied,
      ),
    );
  return rows.map((row) => row.id);
}

/** The server removed their homes: their purges may go on (only customers of that server, being purged). */
export async function recordHomesRemoved(
  db: Database,
  server: ServerRef,
  customerIds: readonly string[],
  now: Date,
): Promise<string[]> {
  if (customerIds.length === 0) return [];
  const rows = await db
    .update(customers)
    .set({ homeRemovedAt: now })
    .where(
      and(
        inArray(customers.id, [...customerIds]),
        sql`${customers.serverId} = ${serverIdOf(server)}`,
        isNotNull(customers.purgeStartedAt),
      ),
    )
    .returning({ id: customers.id });
  return rows.map((row) => row.id);
}
