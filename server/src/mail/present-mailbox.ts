import type { PresentedWith } from '../hosting/resource-kind.js';
import type { Mailbox } from './mailboxes.schemas.js';
import type { mailboxes } from './mailboxes.table.js';

const MEGABYTE = 1024 * 1024;

export const presentMailbox = (row: typeof mailboxes.$inferSelect, shown: PresentedWith): Mailbox => ({
  id: row.id,
  address: row.address,
  enabled: row.enabled,
  quotaMb: row.quotaMb,
  // Rounded up: a mailbox holding anything shows at least 1 MB.
  usedMb: Math.ceil(row.usedBytes / MEGABYTE),
  provisioning: shown.provisioning,
  createdAt: row.createdAt.toISOString(),
});
