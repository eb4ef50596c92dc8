import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { backupRepositories, keptBackupRepositories } from './backups.table.js';
import { keptRepositoriesDir } from './kept-repositories.js';

export interface RepositoryFinding {
  problem: 'no customer' | 'no key' | 'missing';
  /** The directory's name under KEEL_BACKUP_DIR: a customer id when all is well, `purged/…` for a kept one. */
  name: string;
}

const hasConfig = (dir: string) =>
  stat(path.join(dir, 'config')).then(
    () => true,
    () => false,
  );

const entriesOf = (dir: string) =>
  readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });

/**
 * Repositories kept after a purge against their rows: a directory under `purged/` that no row
 * keeps (left over), and a row whose directory is gone.
 */
async function keptFindings(db: Queryable, backupDir: string): Promise<RepositoryFinding[]> {
  const keptDir = keptRepositoriesDir(backupDir);
  const rows = await db.select({ directory: keptBackupRepositories.directory }).from(keptBackupRepositories);
  const kept = new Set(rows.map((row) => row.directory));
  const findings: RepositoryFinding[] = [];
  for (const name of (await entriesOf(keptDir)).sort()) {
    if (!kept.has(name)) findings.push({ problem: 'no customer', name: `purged/${name}` });
  }
  for (const name of [...kept].sort()) {
    if (!(await hasConfig(path.join(keptDir, name))))
      findings.push({ problem: 'missing', name: `purged/${name}` });
  }
  return findings;
}

/**
 * The backup directory against Keel's rows, for `keel doctor` (run by the operator on the server,
 * so no actor scopes it): repositories of no customer (left by hand or by an interrupted purge),
 * repositories whose sealed password is gone (unreadable), and customers whose repository is
 * missing from disk although Keel made one. Repositories kept after a purge live under `purged/`
 * and are checked against their own rows.
 */
export async function unsafeRepositoryFindings(
  db: Queryable,
  backupDir: string,
): Promise<RepositoryFinding[]> {
  const entries = (await entriesOf(backupDir)).filter((name) => name !== 'purged');
  const customerIds = new Set((await db.select({ id: customers.id }).from(customers)).map((row) => row.id));
  const keyed = new Set(
    (await db.select({ id: backupRepositories.customerId }).from(backupRepositories)).map((row) => row.id),
  );
  const findings: RepositoryFinding[] = [];
  for (const name of entries.sort()) {
    if (!customerIds.has(name)) findings.push({ problem: 'no customer', name });
    else if (!keyed.has(name)) findings.push({ problem: 'no key', name });
  }
  for (const id of [...keyed].sort()) {
    if (!(await hasConfig(path.join(backupDir, id)))) findings.push({ problem: 'missing', name: id });
  }
  return [...findings, ...(await keptFindings(db, backupDir))];
}
