import { SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import type { Customer } from '../../api/types.js';
import { FormDialog } from '../../components/FormDialog.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { NewPasswordInput } from '../passwords/NewPasswordInput.js';
import { useSecuritySettings } from '../settings/queries.js';
import { fullName, useSetCustomerPassword } from './useCustomerActions.js';

type Mode = 'type' | 'generate';

type Props = { customer: Customer; isAdmin: boolean; onClose: () => void };

/** An operator sets a customer's password, or has one generated and sees it once. */
export function ChangePasswordDialog({ customer, isAdmin, onClose }: Props) {
  const [mode, setMode] = useState<Mode>('generate');
  const [password, setPassword] = useState('');
  const [generated, setGenerated] = useState<string | null>(null);
  const security = useSecuritySettings(isAdmin);
  const change = useSetCustomerPassword(customer, (secret) => (secret ? setGenerated(secret) : onClose()));

  if (generated) {
    return (
      <OneTimeSecretDialog title="New password" login={customer.email} secret={generated} onClose={onClose} />
    );
  }
  return (
    <FormDialog
      title={`Change Password of ${fullName(customer)}`}
      submitLabel={mode === 'generate' ? 'Generate Password' : 'Change Password'}
      busy={change.isPending}
      failure={change.error}
      onSubmit={() => change.mutate(mode === 'generate' ? {} : { password })}
      onClose={onClose}
    >
      <SegmentedControl
        aria-label="How to set the password"
        value={mode}
        onChange={(value) => setMode(value as Mode)}
        data={[
          { value: 'generate', label: 'Generate one' },
          { value: 'type', label: 'Enter a password' },
        ]}
      />
      {mode === 'type' ? (
        <NewPasswordInput
          label="New password"
          value={password}
          onChange={setPassword}
          policy={security.data?.passwordPolicy}
        />
      ) : (
        <Text size="sm">A secure password that satisfies the policy is generated and shown to you once.</Text>
      )}
      <Text size="sm" c="dimmed">
        The customer's other sessions end when the password changes.
      </Text>
    </FormDialog>
  );
}
