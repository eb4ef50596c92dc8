import type { databases } from '../db/schema/hosting.js';
import type { OwnerState } from '../hosting/effective-state.js';
import { provisioningOf } from '../hosting/provisioning-view.js';
import type { CustomerDatabase } from './databases.schemas.js';

export type DatabaseRow = typeof databases.$inferSelect;

export const presentDatabase = (row: DatabaseRow, owner: OwnerState): CustomerDatabase => ({
  id: row.id,
  name: row.name,
  user: row.user,
  enabled: row.enabled,
  provisioning: provisioningOf(row, owner, 'databases'),
  createdAt: row.createdAt.toISOString(),
});
