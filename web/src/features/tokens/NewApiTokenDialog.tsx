import { Checkbox, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import type { ApiScope } from '../../api/types.js';
import { FormDialog } from '../../components/FormDialog.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { useSignedInSession } from '../auth/session.js';
import { scopeLabels, scopesFor } from './scopes.js';
import { useCreateApiToken } from './useApiTokens.js';

const lifetimes = [
  { value: '', label: 'Never' },
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
];

const inDays = (days: string) =>
  days ? new Date(Date.now() + Number(days) * 86_400_000).toISOString() : null;

/** Entries of the allowed-addresses box: one per line or separated by commas or spaces. */
const addressesOf = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Names a new token and limits it (scopes, expiry, addresses), then shows its secret once. */
export function NewApiTokenDialog({ onClose }: { onClose: () => void }) {
  const { user } = useSignedInSession();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [lifetime, setLifetime] = useState('');
  const [addresses, setAddresses] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useCreateApiToken(setSecret);
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const invalid = problem?.fieldMessages() ?? {};
  const addressErrors = problem?.errors.filter((error) => error.field.startsWith('allowedIps')) ?? [];

  if (secret)
    return (
      <OneTimeSecretDialog title="API token created" secretLabel="Token" secret={secret} onClose={onClose} />
    );
  return (
    <FormDialog
      title="New API token"
      submitLabel="Create token"
      size="lg"
      busy={create.isPending}
      failure={create.error}
      onSubmit={() =>
        create.mutate({ name, scopes, expiresAt: inDays(lifetime), allowedIps: addressesOf(addresses) })
      }
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
      <Checkbox.Group
        label="Scopes"
        description="What the token may do. None checked: everything you can do yourself."
        value={scopes}
        onChange={(value) => setScopes(value as ApiScope[])}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
          {scopesFor(user.role).map((scope) => (
            <Checkbox key={scope} value={scope} label={scope} description={scopeLabels[scope]} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Stack gap="md">
        <NativeSelect
          label="Expires"
          data={lifetimes}
          value={lifetime}
          error={invalid.expiresAt}
          onChange={(event) => setLifetime(event.currentTarget.value)}
        />
        <Textarea
          label="Allowed addresses"
          description="IP addresses or CIDR ranges it may be used from, one per line (203.0.113.0/24). Empty: any address."
          autosize
          minRows={2}
          value={addresses}
          error={addressErrors.map((error) => error.message).join('; ') || undefined}
          onChange={(event) => setAddresses(event.currentTarget.value)}
        />
      </Stack>
    </FormDialog>
  );
}
