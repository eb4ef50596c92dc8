import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { ApiProblem, unwrap } from '../../api/problem.js';
import type { FtpAccount } from '../../api/types.js';
import { FormDialog } from '../../components/FormDialog.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { useApiMutation } from '../../components/useApiMutation.js';

type Created = { ftpAccount: FtpAccount; password: string };

/**
 * Adds an FTP account locked into a directory of the customer's home (its root unless one is
 * given); its generated password is shown here once, never again.
 */
export function NewFtpAccountDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const [user, setUser] = useState('');
  const [directory, setDirectory] = useState('');
  const [created, setCreated] = useState<Created | null>(null);
  const create = useApiMutation({
    run: () =>
      unwrap(
        api.POST('/api/v1/customers/{id}/ftp-accounts', {
          params: { path: { id: customerId } },
          body: { user, directory },
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
  const failure = create.error;
  const fields = failure instanceof ApiProblem ? failure.fieldMessages() : {};
  const userError =
    fields.user ??
    (failure instanceof ApiProblem && failure.is('ftp-user-taken') ? failure.message : undefined);
  const directoryError = fields.directory;
  const onFields =
    failure instanceof ApiProblem && failure.errors.every((error) => /(user|directory)$/.test(error.field));
  return (
    <FormDialog
      title="Add FTP account"
      submitLabel="Add FTP account"
      busy={create.isPending}
      failure={(userError || directoryError) && onFields ? null : failure}
      onSubmit={() => create.mutate(undefined)}
      onClose={onClose}
    >
      <TextInput
        label="User"
        description="Lower-case letters, digits and _, starting with a letter. Keel puts the customer's prefix before it. The account logs in over FTPS."
        required
        data-autofocus
        maxLength={22}
        value={user}
        error={userError}
        onChange={(event) => setUser(event.currentTarget.value)}
      />
      <TextInput
        label="Directory"
        description="Relative to the customer's home, such as sites/shop; empty for the home itself. The account is locked into it, and Keel creates it if it is missing."
        placeholder="/"
        maxLength={255}
        value={directory}
        error={directoryError}
        onChange={(event) => setDirectory(event.currentTarget.value)}
      />
    </FormDialog>
  );
}
