import type { PresentedWith } from '../hosting/resource-kind.js';
import type { FtpAccount } from './ftp-accounts.schemas.js';
import type { ftpAccounts } from './ftp-accounts.table.js';

export const presentFtpAccount = (
  row: typeof ftpAccounts.$inferSelect,
  shown: PresentedWith,
): FtpAccount => ({
  id: row.id,
  user: row.user,
  enabled: row.enabled,
  directory: row.directory,
  provisioning: shown.provisioning,
  createdAt: row.createdAt.toISOString(),
});
