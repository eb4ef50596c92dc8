import type { PresentedWith } from '../hosting/resource-kind.js';
import { siteDocumentRoot } from '../provisioning/drivers/files/customer-homes.js';
import { presentWebsiteTls } from './present-website-tls.js';
import type { Website } from './websites.schemas.js';
import type { websites } from './websites.table.js';

export const presentWebsite = (row: typeof websites.$inferSelect, shown: PresentedWith): Website => ({
  id: row.id,
  domain: row.domain,
  enabled: row.enabled,
  documentRoot: siteDocumentRoot(shown.homesDir, row.customerId, row.id),
  php: { enabled: row.phpEnabled, version: row.phpVersion },
  provisioning: shown.provisioning,
  tls: presentWebsiteTls(row),
  createdAt: row.createdAt.toISOString(),
});
