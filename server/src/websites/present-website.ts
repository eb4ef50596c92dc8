import type { websites } from '../db/schema/hosting.js';
import type { OwnerState } from '../hosting/effective-state.js';
import { provisioningOf } from '../hosting/provisioning-view.js';
import type { Website } from './websites.schemas.js';

export type WebsiteRow = typeof websites.$inferSelect;

export const presentWebsite = (row: WebsiteRow, owner: OwnerState, documentRoot: string): Website => ({
  id: row.id,
  domain: row.domain,
  enabled: row.enabled,
  documentRoot,
  provisioning: provisioningOf(row, owner, 'websites'),
  createdAt: row.createdAt.toISOString(),
});
