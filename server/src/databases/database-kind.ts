import { servedWhileActive } from '../hosting/effective-state.js';
import type { ResourceKind } from '../hosting/resource-kind.js';
import type {
  DatabaseDesired,
  MariaDbDatabaseDriver,
} from '../provisioning/drivers/mariadb/database-driver.js';
import { databaseService } from '../provisioning/drivers/mariadb/database-service.js';
import type { ReconciledKind } from '../provisioning/reconciled-kind.js';
import { desiredDatabases, expectedDatabases } from './database-inventory.js';
import { CustomerDatabase } from './databases.schemas.js';
import { databases } from './databases.table.js';
import { presentDatabase } from './present-database.js';

/** A MariaDB database and the one user granted it. */
export const databaseKind = {
  noun: 'database',
  title: 'Database',
  plural: 'databases',
  path: 'databases',
  idParam: 'databaseId',
  table: databases,
  counter: 'databaseCount',
  limit: 'databases',
  statusStates: servedWhileActive,
  sortColumns: { name: databases.name, createdAt: databases.createdAt },
  defaultSort: 'name',
  searchColumn: databases.name,
  actions: ['password_changed', 'repaired'],
  label: (database) => database.name,
  describe: (database) => ({ name: database.name, user: database.user }),
  schema: CustomerDatabase,
  present: presentDatabase,
  desired: desiredDatabases,
  service: databaseService,
  expected: expectedDatabases,
} as const satisfies ResourceKind<typeof databases> & ReconciledKind<DatabaseDesired, MariaDbDatabaseDriver>;
