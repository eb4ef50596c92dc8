import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Database } from '../../api/types.js';
import { dashboardPage, enabledColumn, stateColumn } from '../hosting/columns.js';
import type { HostingKind } from '../hosting/hosting-kind.js';

export const databaseKind: HostingKind<Database> = {
  title: 'Databases',
  noun: 'database',
  plural: 'databases',
  counter: 'databaseCount',
  list: (id) => unwrap(api.GET('/api/v1/customers/{id}/databases', dashboardPage(id))),
  columns: () => [
    { label: 'Name', render: (db) => db.name },
    { label: 'User', render: (db) => db.user },
    enabledColumn,
    stateColumn,
  ],
};
