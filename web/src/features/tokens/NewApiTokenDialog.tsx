import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import { FormDialog } from '../../components/FormDialog.js';
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
    <FormDialog
      title="New API token"
      submitLabel="Create token"
      busy={create.isPending}
      failure={create.error}
      onSubmit={() => create.mutate(name)}
      onClose={onClose}
    >
      <TextInput
        label="Name"
        description="What uses it, so you know which to revoke: “billing”, “backup script”."
        required
        maxLength={100}
        value={name}
        error={invalid.name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
    </FormDialog>
  );
}
