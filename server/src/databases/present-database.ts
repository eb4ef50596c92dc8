import type { PresentedWith } from '../hosting/resource-kind.js';
import type { CustomerDatabase } from './databases.schemas.js';
import type { databases } from './databases.table.js';

export const presentDatabase = (
  row: typeof databases.$inferSelect,
  shown: PresentedWith,
): CustomerDatabase => ({
  id: row.id,
  name: row.name,
  user: row.user,
  enabled: row.enabled,
  provisioning: shown.provisioning,
  createdAt: row.createdAt.toISOString(),
});
