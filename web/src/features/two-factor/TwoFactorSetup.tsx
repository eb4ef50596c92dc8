import { Button, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.js';
import { ApiProblem, unwrap } from '../../api/problem.js';
import type { TwoFactorSetup as NewKey } from '../../api/types.js';
import { MutationError } from '../../components/MutationError.js';
import { CodeInput } from './CodeInput.js';
import { RecoveryCodes } from './RecoveryCodes.js';

/** The key an authenticator app scans (QR code) or takes typed in, and the code that proves it holds it. */
function ConfirmKey({ setup, onEnabled }: { setup: NewKey; onEnabled: (codes: string[]) => void }) {
  const [code, setCode] = useState('');
  const enable = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/2fa/enable', { body: { code } })),
    onSuccess: (result) => onEnabled(result.recoveryCodes),
  });
  const codeError =
    enable.error instanceof ApiProblem && enable.error.status === 422
      ? (enable.error.fieldMessages().code ?? enable.error.message)
      : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    enable.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text>
          1. Scan this QR code with an authenticator app (such as Aegis, Google Authenticator, 1Password or
          Microsoft Authenticator).
        </Text>
        <Paper withBorder p="md" bg="white" w="fit-content">
          <QRCodeSVG value={setup.otpauthUrl} size={192} title="QR code of your two-factor key" role="img" />
        </Paper>
        <div>
          <Text size="sm" id="two-factor-key-label">
            Or type this key into the app:
          </Text>
          <Code aria-labelledby="two-factor-key-label" fz="md" style={{ wordBreak: 'break-all' }}>
            {setup.secret}
          </Code>
        </div>
        <Text>2. Enter the code the app shows to turn two-factor sign-in on.</Text>
        <CodeInput value={code} onChange={setCode} error={codeError} />
        {enable.error && !codeError && <MutationError failure={enable.error} />}
        <Group>
          <Button type="submit" loading={enable.isPending}>
            Turn on
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Setting up two-factor sign-in: a new key (QR code and typed), a code to turn it on, and the
 * recovery codes shown once; `onFinished` once they are saved.
 */
export function TwoFactorSetup({ onFinished }: { onFinished: () => void }) {
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const start = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/auth/2fa/setup')) });

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onDone={onFinished} />;
  if (start.data) return <ConfirmKey setup={start.data} onEnabled={setRecoveryCodes} />;
  return (
    <Stack align="flex-start">
      <Text>
        With two-factor sign-in, signing in takes a code from an app on your phone as well as your password.
      </Text>
      {start.error && <MutationError failure={start.error} />}
      <Button loading={start.isPending} onClick={() => start.mutate()}>
        Set up two-factor sign-in
      </Button>
    </Stack>
  );
}
