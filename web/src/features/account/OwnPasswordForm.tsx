import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import { MutationError } from '../../components/MutationError.js';
import { useSetCustomerPassword } from '../customers/useCustomerActions.js';
import { NewPasswordInput } from '../passwords/NewPasswordInput.js';

type Props = {
  customerId: string;
  /** What the current password is called: the one the customer chose, or the one it was given. */
  currentLabel: string;
  submitLabel: string;
  /** The button beside submit: Cancel in a dialog, Sign out on the first-sign-in page. */
  secondary: ReactNode;
  onChanged: () => void;
};

/** A customer sets its own password: the current one is required, the policy checked on save. */
export function OwnPasswordForm({ customerId, currentLabel, submitLabel, secondary, onChanged }: Props) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const change = useSetCustomerPassword({ id: customerId }, onChanged);
  const invalid = change.error instanceof ApiProblem ? change.error.fieldMessages() : {};

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        change.mutate({ currentPassword, password });
      }}
    >
      <Stack>
        <PasswordInput
          label={currentLabel}
          autoComplete="current-password"
          required
          value={currentPassword}
          error={invalid.currentPassword}
          onChange={(event) => setCurrentPassword(event.currentTarget.value)}
        />
        <NewPasswordInput label="New password" value={password} onChange={setPassword} policy={undefined} />
        <MutationError failure={change.error} />
        <Group justify="flex-end">
          {secondary}
          <Button type="submit" loading={change.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
