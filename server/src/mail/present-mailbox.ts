import type { PresentedWith } from '../hosting/resource-kind.js';
import type { Mailbox } from './mailboxes.schemas.js';
import type { mailboxes } from './mailboxes.table.js';

export const presentMailbox = (row: typeof mailboxes.$inferSelect, shown: PresentedWith): Mailbox => ({
  id: row.id,
  address: row.address,
  enabled: row.enabled,
  quotaMb: row.quotaMb,
  usedMb: 0,
  provisioning: shown.provisioning,
  createdAt: row.createdAt.toISOString(),
});
