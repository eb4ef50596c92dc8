import { Text } from '@mantine/core';
import { useState } from 'react';
import type { Server } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { agentCommand } from './agent-command.js';
import { useDeleteServer, useReissueEnrollment } from './useServers.js';

type Props = { server: Server; onClose: () => void };

/** A new enrollment token cuts the running agent off: asked first, then the command shown once. */
export function ReissueEnrollmentDialog({ server, onClose }: Props) {
  const [token, setToken] = useState<string | null>(null);
  const reissue = useReissueEnrollment(server, setToken);
  if (token)
    return (
      <OneTimeSecretDialog
        title={`Enroll ${server.name}`}
        secretLabel="Agent command"
        secret={agentCommand(token)}
        onClose={onClose}
      />
    );
  return (
    <ConfirmDialog
      title="New enrollment token"
      confirmLabel="Issue new token"
      color="red"
      busy={reissue.isPending}
      onConfirm={() => reissue.mutate(undefined)}
      onClose={onClose}
    >
      <Text>
        {server.enrolled ? (
          <>
            The agent on <strong>{server.name}</strong> is cut off at once; its changes wait until the agent
            is enrolled again with the new token.
          </>
        ) : (
          <>
            The token given for <strong>{server.name}</strong> before stops working; only the new one enrolls
            its agent.
          </>
        )}
      </Text>
      <MutationError failure={reissue.error} />
    </ConfirmDialog>
  );
}

export function DeleteServerDialog({ server, onClose }: Props) {
  const remove = useDeleteServer(server, onClose);
  return (
    <ConfirmDialog
      title="Remove server"
      confirmLabel="Remove server"
      color="red"
      busy={remove.isPending}
      onConfirm={() => remove.mutate(undefined)}
      onClose={onClose}
    >
      <Text>
        <strong>{server.name}</strong> hosts no customer. Removing it cuts its agent off; nothing on the
        machine itself is deleted.
      </Text>
      <MutationError failure={remove.error} />
    </ConfirmDialog>
  );
}
