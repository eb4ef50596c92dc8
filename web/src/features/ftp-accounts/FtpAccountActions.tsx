import { Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { FtpAccount } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { IconAction } from '../../components/IconAction.js';
import { MutationError } from '../../components/MutationError.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { useApiMutation } from '../../components/useApiMutation.js';

type Props = { resource: FtpAccount; customerId: string };

/** Generates a new password for the FTP account, and shows it once. */
function ChangeFtpPasswordDialog({
  resource: account,
  customerId,
  onClose,
}: Props & { onClose: () => void }) {
  const [generated, setGenerated] = useState<string | null>(null);
  const change = useApiMutation({
    run: () =>
      unwrap(
        api.POST('/api/v1/customers/{id}/ftp-accounts/{ftpAccountId}/password', {
          params: { path: { id: customerId, ftpAccountId: account.id } },
          body: {},
        }),
      ),
    success: () => `New password of ${account.user} generated`,
    onDone: (answer) => setGenerated(answer && 'password' in answer ? answer.password : null),
  });
  if (generated) {
    return (
      <OneTimeSecretDialog
        title={`New password of ${account.user}`}
        login={account.user}
        loginLabel="FTP user"
        secret={generated}
        onClose={onClose}
      />
    );
  }
  return (
    <ConfirmDialog
      title={`Change Password of ${account.user}?`}
      confirmLabel="Generate Password"
      busy={change.isPending}
      onConfirm={() => change.mutate(undefined)}
      onClose={onClose}
    >
      <Text size="sm">
        A new password is generated for the FTP account {account.user} and shown to you once. Logins with the
        old one are refused from then on.
      </Text>
      <MutationError failure={change.error} />
    </ConfirmDialog>
  );
}

/** "Change Password" of the FTP account. */
export function FtpAccountActions({ resource, customerId }: Props) {
  const [changing, setChanging] = useState(false);
  return (
    <>
      <IconAction
        label={`Change Password of ${resource.user}`}
        Icon={IconKey}
        onClick={() => setChanging(true)}
      />
      {changing && (
        <ChangeFtpPasswordDialog
          resource={resource}
          customerId={customerId}
          onClose={() => setChanging(false)}
        />
      )}
    </>
  );
}
