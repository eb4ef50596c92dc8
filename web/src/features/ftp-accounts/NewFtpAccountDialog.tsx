import { useState } from 'react';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { FtpAccount } from '../../api/types.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { useApiMutation } from '../../components/useApiMutation.js';
import { AddResourceDialog } from '../hosting/AddResourceDialog.js';

type Created = { ftpAccount: FtpAccount; password: string };

/** Adds an FTP account into the customer's home; its generated password is shown here once, never again. */
export function NewFtpAccountDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const [created, setCreated] = useState<Created | null>(null);
  const create = useApiMutation({
    run: (user: string) =>
      unwrap(
        api.POST('/api/v1/customers/{id}/ftp-accounts', {
          params: { path: { id: customerId } },
          body: { user },
        }),
      ),
    success: ({ ftpAccount }) => `FTP account ${ftpAccount.user} added`,
    onDone: setCreated,
  });
  if (created) {
    return (
      <OneTimeSecretDialog
        title={`FTP account ${created.ftpAccount.user} added`}
        login={created.ftpAccount.user}
        loginLabel="FTP user"
        secret={created.password}
        onClose={onClose}
      />
    );
  }
  return (
    <AddResourceDialog
      title="Add FTP account"
      submitLabel="Add FTP account"
      field={{
        name: 'user',
        label: 'User',
        description:
          "Lower-case letters, digits and _, starting with a letter. Keel puts the customer's prefix before it. The account logs in over FTPS into the customer's home.",
        maxLength: 22,
      }}
      taken="ftp-user-taken"
      create={create}
      onClose={onClose}
    />
  );
}
