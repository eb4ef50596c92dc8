import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import { AppModal } from '../../components/AppModal.js';
import { MutationError } from '../../components/MutationError.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { useCreateApiToken } from './useApiTokens.js';

/** Names a new token, then shows its secret once. */
export function NewApiTokenDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useCreateApiToken(setSecret);
  const invalid = create.error instanceof ApiProblem ? create.error.fieldMessages() : {};

  if (secret)
    return (
      <OneTimeSecretDialog title="API token created" secretLabel="Token" secret={secret} onClose={onClose} />
    );
  return (
    <AppModal opened onClose={onClose} title="New API token">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(name);
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            description="What uses it, so you know which to revoke: “billing”, “backup script”."
            required
            maxLength={100}
            value={name}
            error={invalid.name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <MutationError failure={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
