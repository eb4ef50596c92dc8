import { servedWhileActive } from '../hosting/effective-state.js';
import type { ResourceKind } from '../hosting/resource-kind.js';
import type {
  FtpAccountDesired,
  PureFtpdAccountDriver,
} from '../provisioning/drivers/pureftpd/account-driver.js';
import { ftpAccountService } from '../provisioning/drivers/pureftpd/account-service.js';
import type { ReconciledKind } from '../provisioning/reconciled-kind.js';
import { desiredFtpAccounts, expectedFtpAccounts } from './ftp-account-inventory.js';
import { FtpAccount } from './ftp-accounts.schemas.js';
import { ftpAccounts } from './ftp-accounts.table.js';
import { presentFtpAccount } from './present-ftp-account.js';

/** An FTPS login into a directory of the customer's home. */
export const ftpAccountKind = {
  noun: 'ftp_account',
  title: 'FTP account',
  plural: 'FTP accounts',
  path: 'ftp-accounts',
  idParam: 'ftpAccountId',
  table: ftpAccounts,
  counter: 'ftpAccountCount',
  limit: 'ftpAccounts',
  statusStates: servedWhileActive,
  sortColumns: { user: ftpAccounts.user, createdAt: ftpAccounts.createdAt },
  defaultSort: 'user',
  searchColumn: ftpAccounts.user,
  actions: ['password_changed', 'repaired'],
  label: (account) => account.user,
  describe: (account) => ({ user: account.user, directory: account.directory }),
  schema: FtpAccount,
  present: presentFtpAccount,
  desired: desiredFtpAccounts,
  service: ftpAccountService,
  expected: expectedFtpAccounts,
} as const satisfies ResourceKind<typeof ftpAccounts> &
  ReconciledKind<FtpAccountDesired, PureFtpdAccountDriver>;
