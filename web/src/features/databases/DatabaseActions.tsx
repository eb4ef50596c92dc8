import { Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Database, Permission } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { IconAction } from '../../components/IconAction.js';
import { MutationError } from '../../components/MutationError.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { useApiMutation } from '../../components/useApiMutation.js';

type Props = { resource: Database; customerId: string };

/** Generates a new password for the database's user, and shows it once. */
function ChangeDatabasePasswordDialog({
  resource: database,
  customerId,
  onClose,
}: Props & { onClose: () => void }) {
  const [generated, setGenerated] = useState<string | null>(null);
  const change = useApiMutation({
    run: () =>
      unwrap(
        api.POST('/api/v1/customers/{id}/databases/{databaseId}/password', {
          params: { path: { id: customerId, databaseId: database.id } },
          body: {},
        }),
      ),
    success: () => `New password of ${database.user} generated`,
    onDone: (answer) => setGenerated(answer && 'password' in answer ? answer.password : null),
  });
  if (generated) {
    return (
      <OneTimeSecretDialog
        title={`New password of ${database.user}`}
        login={database.user}
        loginLabel="Database user"
        secret={generated}
        onClose={onClose}
      />
    );
  }
  return (
    <ConfirmDialog
      title={`Change Password of ${database.user}?`}
      confirmLabel="Generate Password"
      busy={change.isPending}
      onConfirm={() => change.mutate(undefined)}
      onClose={onClose}
    >
      <Text size="sm">
        A new password is generated for the database user {database.user} and shown to you once. Programs that
        connect with the old one are refused from then on.
      </Text>
      <MutationError failure={change.error} />
    </ConfirmDialog>
  );
}

/** "Change Password" of the database's user. */
export function DatabaseActions({ resource, customerId, permission }: Props & { permission: Permission }) {
  const [changing, setChanging] = useState(false);
  return (
    <>
      <IconAction
        label={`Change Password of ${resource.name}`}
        Icon={IconKey}
        permission={permission}
        onClick={() => setChanging(true)}
      />
      {changing && (
        <ChangeDatabasePasswordDialog
          resource={resource}
          customerId={customerId}
          onClose={() => setChanging(false)}
        />
      )}
    </>
  );
}
