import { Anchor, PasswordInput, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import { FormDialog } from '../../components/FormDialog.js';
import { useApiMutation } from '../../components/useApiMutation.js';
import { sessionKey } from '../auth/session.js';
import { CodeInput } from './CodeInput.js';

/** Turning two-factor sign-in off takes the password and a current code (or a recovery code). */
export function DisableTwoFactorDialog({ onClose }: { onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [withRecoveryCode, setWithRecoveryCode] = useState(false);
  const queryClient = useQueryClient();
  const disable = useApiMutation({
    run: () =>
      unwrap(
        api.POST('/api/v1/auth/2fa/disable', {
          body: withRecoveryCode ? { password, recoveryCode: code } : { password, code },
        }),
      ),
    success: () => 'Two-factor sign-in is off.',
    onDone: () => {
      onClose();
      // A role the security setting holds to two-factor sign-in must set it up again at once.
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
  return (
    <FormDialog
      title="Turn off two-factor sign-in"
      submitLabel="Turn off"
      busy={disable.isPending}
      failure={disable.error}
      onSubmit={() => disable.mutate(undefined)}
      onClose={onClose}
    >
      <Text size="sm">Signing in will take only your password. Your other sessions end.</Text>
      <PasswordInput
        label="Password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
      />
      {withRecoveryCode ? (
        <TextInput
          label="Recovery code"
          autoComplete="off"
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
        />
      ) : (
        <CodeInput value={code} onChange={setCode} />
      )}
      <Anchor
        component="button"
        type="button"
        size="sm"
        onClick={() => {
          setWithRecoveryCode(!withRecoveryCode);
          setCode('');
        }}
      >
        {withRecoveryCode ? 'Use a code from the app instead' : 'Use a recovery code instead'}
      </Anchor>
    </FormDialog>
  );
}
