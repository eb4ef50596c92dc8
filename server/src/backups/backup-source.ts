import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import type { AnyResourceKind, HostedTable } from '../hosting/resource-kind.js';
import type { BackupSource } from './backup-job-store.js';

/** The customer's live rows of every kind, keyed by the kind's noun. */
async function resourceRows(db: Queryable, kinds: readonly AnyResourceKind[], customerId: string) {
  const rows: Record<string, Record<string, unknown>[]> = {};
  for (const kind of kinds) {
    const table: HostedTable = kind.table;
    rows[kind.noun] = await db
      .select()
      .from(table)
      .where(and(eq(table.customerId, customerId), isNull(table.removedAt)));
  }
  return rows;
}

/**
 * What a backup of the customer saves from the panel's side: the resource rows (which hold the
 * DNS zones' records), and the databases and mailboxes whose data the server holds.
 */
export async function backupSource(
  db: Queryable,
  kinds: readonly AnyResourceKind[],
  customerId: string,
): Promise<BackupSource> {
  const [customer] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!customer) throw new Error('the customer no longer exists');
  const rows = await resourceRows(db, kinds, customerId);
  const labels = (noun: string) => {
    const kind = kinds.find((candidate) => candidate.noun === noun);
    return kind ? (rows[noun] ?? []).map((row) => kind.label(row)) : [];
  };
  return {
    document: JSON.stringify({ format: 1, customerId, resources: rows }),
    databases: (rows.database ?? [])
      .filter((row) => row.appliedState !== null)
      .map((row) => String(row.name)),
    mailboxes: (rows.mailbox ?? []).map((row) => ({ id: String(row.id), address: String(row.address) })),
    dnsZones: labels('dns_zone'),
  };
}
