import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import type { AnyResourceKind, HostedTable } from '../hosting/resource-kind.js';
import { homeDirectory } from '../provisioning/drivers/files/customer-homes.js';
import type { BackupContents, BackupSnapshot } from './backups.table.js';
import { type BackupStore, customerRepository } from './customer-repository.js';
import { backupDatabase } from './database-dump.js';
import {
  backupDirectory,
  backupStream,
  forgetSnapshots,
  listSnapshots,
  type ResticRepository,
} from './restic.js';

/** What backups and restores reach on this server besides the database. */
export interface BackupEnvironment {
  store: BackupStore;
  homesDir: string;
  /** KEEL_MARIADB_URL; null when this server runs no databases. */
  mariadbUrl: string | null;
  /** Where Dovecot keeps each mailbox's mail (<dir>/<mailboxId>); null when no mail is served. */
  mailStoreDir: string | null;
  /** Every kind of hosting resource: their rows go into each backup so a restore can recreate them. */
  kinds: readonly AnyResourceKind[];
}

export interface TakenBackup {
  snapshots: BackupSnapshot[];
  contents: BackupContents;
  sizeBytes: number;
}

/** The tag naming every snapshot of one backup, so a clean-up finds them in the repository alone. */
export const backupTag = (backupId: string) => `keel-backup=${backupId}`;

/** The file of the resources snapshot: the customer's rows of every kind, as JSON. */
export const resourcesFile = 'keel/resources.json';

const isDirectory = (dir: string) =>
  lstat(dir).then(
    (stat) => stat.isDirectory(),
    () => false,
  );

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

const labels = (kinds: readonly AnyResourceKind[], rows: Record<string, unknown[]>, noun: string) => {
  const kind = kinds.find((candidate) => candidate.noun === noun);
  return kind ? (rows[noun] ?? []).map((row) => kind.label(row)) : [];
};

/**
 * Takes one backup of a customer into its repository: the home, a dump of each database its
 * service has, each mailbox's mail, and the resource rows (which hold the DNS zones' records).
 * When it fails, the runner discards what it took (discardBackup), so a failed backup leaves nothing.
 */
export async function takeBackup(
  db: Queryable,
  env: BackupEnvironment,
  customerId: string,
  backupId: string,
  progress: (step: string) => Promise<void>,
): Promise<TakenBackup> {
  const [customer] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!customer) throw new Error('the customer no longer exists');
  await progress('opening the repository');
  const repository = await customerRepository(db, env.store, customerId);
  const tags = [backupTag(backupId)];
  const snapshots: BackupSnapshot[] = [];
  let sizeBytes = 0;
  const keep = (
    part: BackupSnapshot['part'],
    name: string | null,
    taken: { snapshotId: string; bytes: number },
  ) => {
    snapshots.push({ part, name, snapshotId: taken.snapshotId });
    sizeBytes += taken.bytes;
  };
  const rows = await resourceRows(db, env.kinds, customerId);
  const home = homeDirectory(env.homesDir, customerId);
  const files = await isDirectory(home);
  if (files) {
    await progress('backing up files');
    keep('files', null, await backupDirectory(repository, home, tags));
  }
  const databases = (rows.database ?? []).filter((row) => row.appliedState !== null);
  if (databases.length > 0 && env.mariadbUrl === null) {
    throw new Error('this server has no MariaDB configured (KEEL_MARIADB_URL) to dump the databases from');
  }
  for (const database of databases) {
    const name = String(database.name);
    await progress(`dumping database ${name}`);
    keep('database', name, await backupDatabase(repository, env.mariadbUrl as string, name, tags));
  }
  const mailboxes: string[] = [];
  for (const mailbox of rows.mailbox ?? []) {
    const dir = env.mailStoreDir && path.join(env.mailStoreDir, String(mailbox.id));
    if (!dir || !(await isDirectory(dir))) continue;
    const address = String(mailbox.address);
    await progress(`backing up mailbox ${address}`);
    keep('mailbox', address, await backupDirectory(repository, dir, tags));
    mailboxes.push(address);
  }
  await progress('saving the resource list');
  const document = JSON.stringify({ format: 1, customerId, resources: rows });
  keep('resources', null, await backupStream(repository, Readable.from([document]), resourcesFile, tags));
  return {
    snapshots,
    sizeBytes,
    contents: {
      files,
      databases: databases.map((row) => String(row.name)),
      mailboxes,
      dnsZones: labels(env.kinds, rows, 'dns_zone'),
    },
  };
}

/**
 * Forgets every snapshot of a backup that failed or was interrupted, found by its tag in the
 * repository itself (a killed run never recorded what it took).
 */
export async function discardBackup(repository: ResticRepository, backupId: string): Promise<void> {
  const tag = backupTag(backupId);
  const taken = (await listSnapshots(repository)).filter((snapshot) => snapshot.tags.includes(tag));
  await forgetSnapshots(
    repository,
    taken.map((snapshot) => snapshot.id),
  );
}
