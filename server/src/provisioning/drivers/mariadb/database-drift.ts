import type { Drift } from '../types.js';
import type { DatabaseDesired } from './database-driver.js';
import { databaseGrantKey, type MariaDbAccount, type MariaDbAdmin } from './mariadb-admin.js';

/**
 * Compares each applied database with what applying it makes: the database, its user on every
 * account host with the password Keel keeps, locked exactly while suspended, and the grant.
 * Three queries whatever the number of databases.
 */
export async function databaseDrift(
  admin: MariaDbAdmin,
  applied: readonly DatabaseDesired[],
): Promise<Drift[]> {
  const databases = new Set(await admin.listDatabases());
  const accounts = new Map(
    (await admin.listAccounts()).map((account) => [`${account.name}@${account.host}`, account]),
  );
  const grants = await admin.listDatabaseGrants();
  const drifted: Drift[] = [];
  for (const database of applied) {
    if (database.state === 'absent') continue;
    const differences = databases.has(database.name) ? [] : ['database missing'];
    for (const host of admin.accountHosts) {
      const account = accounts.get(`${database.user}@${host}`);
      if (!account) {
        differences.push(`user ${database.user}@${host} missing`);
        continue;
      }
      differences.push(...accountDifferences(account, database));
      if (!grants.has(databaseGrantKey(database.user, host, database.name)))
        differences.push(`user ${database.user}@${host} not granted the database`);
    }
    if (differences.length > 0) drifted.push({ id: database.id, differences });
  }
  return drifted;
}

function accountDifferences(account: MariaDbAccount, database: DatabaseDesired): string[] {
  const name = `user ${account.name}@${account.host}`;
  const differences: string[] = [];
  const suspended = database.state === 'suspended';
  if (account.locked !== suspended)
    differences.push(suspended ? `${name} unlocked while suspended` : `${name} locked while live`);
  // Which password it has is a secret; that it is not Keel's is not.
  if (account.passwordHash !== database.passwordHash.toUpperCase())
    differences.push(`${name} has another password`);
  return differences;
}
