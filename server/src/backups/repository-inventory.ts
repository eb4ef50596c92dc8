import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { backupRepositories } from './backups.table.js';

export interface RepositoryFinding {
  problem: 'no customer' | 'no key' | 'missing';
  /** The directory's name under KEEL_BACKUP_DIR: a customer id when all is well. */
  name: string;
}

const hasConfig = (dir: string) =>
  stat(path.join(dir, 'config')).then(
    () => true,
    () => false,
  );

/**
 * The backup directory against Keel's rows, for `keel doctor` (run by the operator on the server,
 * so no actor scopes it): repositories of no customer (left by hand or by an interrupted purge),
 * repositories whose sealed password is gone (unreadable), and customers whose repository is
 * missing from disk although Keel made one.
 */
export async function unsafeRepositoryFindings(
  db: Queryable,
  backupDir: string,
): Promise<RepositoryFinding[]> {
  const entries = await readdir(backupDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
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
  return findings;
}
