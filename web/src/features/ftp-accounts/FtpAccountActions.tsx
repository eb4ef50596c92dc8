import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { FtpAccount, Permission } from '../../api/types.js';
import { ChangePasswordAction } from '../hosting/ChangePasswordAction.js';

/** "Change Password" of the FTP account. */
type Props = { resource: FtpAccount; customerId: string; permission: Permission };

export function FtpAccountActions({ resource, customerId, permission }: Props) {
  return (
    <ChangePasswordAction
      permission={permission}
      name={resource.user}
      login={resource.user}
      loginLabel="FTP user"
      consequence="Logins with the old one are refused from then on."
      generate={() =>
        unwrap(
          api.POST('/api/v1/customers/{id}/ftp-accounts/{ftpAccountId}/password', {
            params: { path: { id: customerId, ftpAccountId: resource.id } },
            body: {},
          }),
        )
      }
    />
  );
}
