import { databases } from '../db/schema/hosting.js';
import type { HostedIds, HostedKind } from '../hosting/hosted-resources.js';
import type { databaseSortFields } from './databases.schemas.js';

export const databaseKind: HostedKind<typeof databases, (typeof databaseSortFields)[number]> = {
  noun: 'database',
  title: 'Database',
  table: databases,
  counter: 'databaseCount',
  sortColumns: { name: databases.name, createdAt: databases.createdAt },
  defaultSort: 'name',
  searchColumn: databases.name,
  describe: (database) => ({ name: database.name, user: database.user }),
};

/** `/customers/:id/databases/:databaseId` as the shared rules name a resource. */
export const databaseIds = (params: { id: string; databaseId: string }): HostedIds => ({
  customerId: params.id,
  resourceId: params.databaseId,
});
