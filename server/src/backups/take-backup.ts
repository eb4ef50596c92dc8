import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { homeDirectory } from '../provisioning/drivers/files/customer-homes.js';
import type { BackupSource, TakenBackup } from './backup-job-store.js';
import type { BackupSnapshot } from './backups.table.js';
import { backupDatabase } from './database-dump.js';
import {
  backupDirectory,
  backupStream,
  forgetSnapshots,
  listSnapshots,
  type ResticRepository,
} from './restic.js';

/** What backups and restores reach on the machine that runs them: its directories and services. */
export interface MachineEnvironment {
  /** KEEL_BACKUP_DIR: a directory or a restic repository URL, one repository per customer below it. */
  backupDir: string;
  /** restic's cache of (encrypted) index and tree data, shared by all repositories. */
  cacheDir: string;
  homesDir: string;
  /** KEEL_MARIADB_URL; null when this server runs no databases. */
  mariadbUrl: string | null;
  /** Where Dovecot keeps each mailbox's mail (<dir>/<mailboxId>); null when no mail is served. */
  mailStoreDir: string | null;
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

/**
 * Takes one backup of a customer into its repository, on the machine where the customer lives:
 * the home, a dump of each database, each mailbox's mail, and the panel's resource list.
 * When it fails, the runner discards what it took (discardBackup), so a failed backup leaves nothing.
 */
export async function takeBackup(
  repository: ResticRepository,
  env: MachineEnvironment,
  job: { customerId: string; backupId: string },
  source: BackupSource,
  progress: (step: string) => Promise<void>,
): Promise<TakenBackup> {
  const tags = [backupTag(job.backupId)];
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
  const home = homeDirectory(env.homesDir, job.customerId);
  const files = await isDirectory(home);
  if (files) {
    await progress('backing up files');
    keep('files', null, await backupDirectory(repository, home, tags));
  }
  if (source.databases.length > 0 && env.mariadbUrl === null) {
    throw new Error('this server has no MariaDB configured (KEEL_MARIADB_URL) to dump the databases from');
  }
  for (const name of source.databases) {
    await progress(`dumping database ${name}`);
    keep('database', name, await backupDatabase(repository, env.mariadbUrl as string, name, tags));
  }
  const mailboxes: string[] = [];
  for (const mailbox of source.mailboxes) {
    const dir = env.mailStoreDir && path.join(env.mailStoreDir, mailbox.id);
    if (!dir || !(await isDirectory(dir))) continue;
    await progress(`backing up mailbox ${mailbox.address}`);
    keep('mailbox', mailbox.address, await backupDirectory(repository, dir, tags));
    mailboxes.push(mailbox.address);
  }
  await progress('saving the resource list');
  keep(
    'resources',
    null,
    await backupStream(repository, Readable.from([source.document]), resourcesFile, tags),
  );
  return {
    snapshots,
    sizeBytes,
    contents: { files, databases: source.databases, mailboxes, dnsZones: source.dnsZones },
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
