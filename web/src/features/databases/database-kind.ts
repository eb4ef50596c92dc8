import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Database } from '../../api/types.js';
import { firstPage } from '../hosting/first-page.js';
import type { HostingKind } from '../hosting/hosting-kind.js';
import { DatabaseActions } from './DatabaseActions.js';
import { NewDatabaseDialog } from './NewDatabaseDialog.js';

const one = (customerId: string, database: Database) => ({
  params: { path: { id: customerId, databaseId: database.id } },
});

export const databaseKind: HostingKind<Database> = {
  title: 'Databases',
  noun: 'database',
  plural: 'databases',
  counter: 'databaseCount',
  limit: 'databases',
  list: (id) => unwrap(api.GET('/api/v1/customers/{id}/databases', firstPage(id))),
  nameOf: (database) => database.name,
  columns: [
    { label: 'Name', render: (database) => database.name },
    { label: 'User', render: (database) => database.user },
  ],
  add: { label: 'Add database', Dialog: NewDatabaseDialog },
  setEnabled: (customerId, database, enabled) =>
    unwrap(
      api.PATCH('/api/v1/customers/{id}/databases/{databaseId}', {
        ...one(customerId, database),
        body: { enabled },
      }),
    ),
  remove: (customerId, database) =>
    unwrap(api.DELETE('/api/v1/customers/{id}/databases/{databaseId}', one(customerId, database))),
  removal: (database) =>
    `The database ${database.name} is dropped from MariaDB with all its tables and data, and its user ${database.user} is removed. This cannot be undone.`,
  underStatus: {
    suspended: 'their users are locked (no login); the data is kept',
    deleted: 'their users are locked; the data is kept until the permanent deletion',
  },
  purged: 'their tables, data and users',
  RowActions: DatabaseActions,
};
