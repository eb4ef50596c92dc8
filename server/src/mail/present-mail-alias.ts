import type { PresentedWith } from '../hosting/resource-kind.js';
import type { MailAlias } from './mail-aliases.schemas.js';
import type { mailAliases } from './mail-aliases.table.js';

export const presentMailAlias = (row: typeof mailAliases.$inferSelect, shown: PresentedWith): MailAlias => ({
  id: row.id,
  address: row.address,
  destinations: row.destinations,
  enabled: row.enabled,
  provisioning: shown.provisioning,
  createdAt: row.createdAt.toISOString(),
});
