import { Text } from '@mantine/core';
import type { ApiToken } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { useRevokeApiToken } from './useApiTokens.js';

export function RevokeApiTokenDialog({ token, onClose }: { token: ApiToken; onClose: () => void }) {
  const revoke = useRevokeApiToken(token, onClose);
  return (
    <ConfirmDialog
      title="Revoke API token"
      confirmLabel="Revoke token"
      color="red"
      busy={revoke.isPending}
      onConfirm={() => revoke.mutate(undefined)}
      onClose={onClose}
    >
      <Text>
        Scripts using <strong>{token.name}</strong> are refused from their next request on. This cannot be
        undone; a new token has a new secret.
      </Text>
      <MutationError failure={revoke.error} />
    </ConfirmDialog>
  );
}
