import {
  type ApplyResult,
  type DesiredState,
  type DriftCheck,
  type DriftReport,
  failure,
  type InventoryItem,
  type ResourceDriver,
} from '../types.js';
import { databaseDrift } from './database-drift.js';
import type { MariaDbAdmin } from './mariadb-admin.js';

export interface DatabaseDesired {
  id: string;
  /** Complete MariaDB names from names.databaseName / databaseUserName. */
  name: string;
  user: string;
  /** mysql_native_password hash ('*' + 40 hex), see mariadb/password-hash.ts. Unused when absent. */
  passwordHash: string;
  state: DesiredState;
}

export type DatabaseDriver = ResourceDriver<DatabaseDesired>;

// As many statements in flight as the admin pool has connections.
const PARALLEL = 4;

/**
 * Databases = a MariaDB database + one user granted only that database. Suspended keeps both
 * and locks the user (ending its connections); absent drops the user first, so nothing can
 * write while the data goes, then the database.
 */
export class MariaDbDatabaseDriver implements DatabaseDriver {
  constructor(private readonly admin: MariaDbAdmin) {}

  async apply(batch: readonly DatabaseDesired[]): Promise<ApplyResult[]> {
    const results: ApplyResult[] = new Array(batch.length);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < batch.length; index = next++) {
        const database = batch[index] as DatabaseDesired;
        results[index] = await this.applyOne(database).then(
          (): ApplyResult => ({ id: database.id, ok: true }),
          (error: unknown) => failure(database.id, error),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, batch.length) }, worker));
    return results;
  }

  async inventory(): Promise<InventoryItem[]> {
    const databases = (await this.admin.listDatabases()).map(
      (name): InventoryItem => ({ kind: 'database', name }),
    );
    const users = (await this.admin.listUsers()).map(
      (user): InventoryItem => ({ kind: 'database-user', name: user.name, host: user.host }),
    );
    return [...databases, ...users];
  }

  reachable(): Promise<boolean> {
    return this.admin.ping();
  }

  /** MariaDB keeps no files of Keel's, so nothing is ever foreign here; orphans are keel doctor's. */
  async drift(check: DriftCheck<DatabaseDesired>): Promise<DriftReport> {
    return { drifted: await databaseDrift(this.admin, check.applied), foreign: [] };
  }

  private async applyOne(database: DatabaseDesired): Promise<void> {
    if (database.state === 'absent') {
      await this.admin.dropUser(database.user);
      await this.admin.dropDatabase(database.name);
      return;
    }
    // The account first: a lock must hold even if creating the database fails afterwards.
    await this.admin.ensureUser(database.user, database.passwordHash, database.state === 'suspended');
    await this.admin.ensureDatabase(database.name);
    await this.admin.grantDatabase(database.user, database.name);
  }
}
