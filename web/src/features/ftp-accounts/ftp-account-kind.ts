import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { FtpAccount } from '../../api/types.js';
import { firstPage } from '../hosting/first-page.js';
import type { HostingKind } from '../hosting/hosting-kind.js';
import { FtpAccountActions } from './FtpAccountActions.js';
import { NewFtpAccountDialog } from './NewFtpAccountDialog.js';

const one = (customerId: string, account: FtpAccount) => ({
  params: { path: { id: customerId, ftpAccountId: account.id } },
});

export const ftpAccountKind: HostingKind<FtpAccount> = {
  title: 'FTP accounts',
  noun: 'FTP account',
  plural: 'FTP accounts',
  counter: 'ftpAccountCount',
  limit: 'ftpAccounts',
  list: (id) => unwrap(api.GET('/api/v1/customers/{id}/ftp-accounts', firstPage(id))),
  nameOf: (account) => account.user,
  columns: [
    { label: 'User', render: (account) => account.user },
    { label: 'Directory', render: (account) => `/${account.directory}` },
  ],
  add: { label: 'Add FTP account', Dialog: NewFtpAccountDialog },
  setEnabled: (customerId, account, enabled) =>
    unwrap(
      api.PATCH('/api/v1/customers/{id}/ftp-accounts/{ftpAccountId}', {
        ...one(customerId, account),
        body: { enabled },
      }),
    ),
  remove: (customerId, account) =>
    unwrap(api.DELETE('/api/v1/customers/{id}/ftp-accounts/{ftpAccountId}', one(customerId, account))),
  removal: (account) =>
    `The FTP account ${account.user} is removed and its open sessions are closed. The files it uploaded stay in the customer's home.`,
  underStatus: {
    suspended: 'their logins are refused and open sessions closed; the files are kept',
    deleted:
      'their logins are refused and open sessions closed; the files are kept until the permanent deletion',
  },
  purged: 'their logins (the files go with the home)',
  RowActions: FtpAccountActions,
};
