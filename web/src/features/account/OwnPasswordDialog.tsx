import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import { AppModal } from '../../components/AppModal.js';
import { MutationError } from '../../components/MutationError.js';
import { useSetCustomerPassword } from '../customers/useCustomerActions.js';
import { NewPasswordInput } from '../passwords/NewPasswordInput.js';

/** A customer changes its own password; the current one is required, the policy checked on save. */
export function OwnPasswordDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const change = useSetCustomerPassword({ id: customerId }, onClose);
  const invalid = change.error instanceof ApiProblem ? change.error.fieldMessages() : {};

  return (
    <AppModal opened onClose={onClose} title="Change password">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate({ currentPassword, password });
        }}
      >
        <Stack>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            value={currentPassword}
            error={invalid.currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
          />
          <NewPasswordInput label="New password" value={password} onChange={setPassword} policy={undefined} />
          <MutationError failure={change.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
