import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../../components/format.js';
import { MutationError } from '../../components/MutationError.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useSignedInSession } from '../auth/session.js';
import { DisableTwoFactorDialog } from './DisableTwoFactorDialog.js';
import { twoFactorKey, useTwoFactorStatus } from './queries.js';
import { TwoFactorSetup } from './TwoFactorSetup.js';

/** The signed-in user's two-factor sign-in: set it up, see it is on, turn it off. */
export function TwoFactorPage() {
  const { impersonator } = useSignedInSession();
  const status = useTwoFactorStatus(impersonator === null);
  const queryClient = useQueryClient();
  const [disabling, setDisabling] = useState(false);

  return (
    <Stack maw={640}>
      <PageTitle>Two-factor sign-in</PageTitle>
      {impersonator ? (
        <Text>Two-factor sign-in cannot be changed while support is logged in as you.</Text>
      ) : status.isError ? (
        <MutationError failure={status.error} />
      ) : status.data?.enabled ? (
        <Paper withBorder p="lg">
          <Stack align="flex-start">
            <Group>
              <Badge color="teal" variant="dot" tt="none">
                On
              </Badge>
              {status.data.enabledAt && <Text>since {formatDateTime(status.data.enabledAt)}</Text>}
            </Group>
            <Text>
              Signing in takes your password and a code from your authenticator app.{' '}
              {status.data.recoveryCodesLeft} of 10 recovery codes left.
            </Text>
            <Button variant="default" color="red" onClick={() => setDisabling(true)}>
              Turn off
            </Button>
          </Stack>
        </Paper>
      ) : status.data ? (
        <Paper withBorder p="lg">
          <TwoFactorSetup onFinished={() => queryClient.invalidateQueries({ queryKey: twoFactorKey })} />
        </Paper>
      ) : null}
      {disabling && <DisableTwoFactorDialog onClose={() => setDisabling(false)} />}
    </Stack>
  );
}
