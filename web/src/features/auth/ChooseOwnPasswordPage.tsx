import { Button, Center, Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Session } from '../../api/types.js';
import { PageTitle } from '../../components/PageTitle.js';
import { OwnPasswordForm } from '../account/OwnPasswordForm.js';
import { sessionKey } from './session.js';
import { useSignOut } from './useSignOut.js';

/**
 * Shown instead of the panel while the provider's setting holds the customer to choosing its own
 * password (`passwordChangeRequired`): the server answers nothing else until it has.
 */
export function ChooseOwnPasswordPage({ session }: { session: Session }) {
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const customerId = session.user.customerId ?? '';

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={440}>
        <Stack>
          <PageTitle>Choose your own password</PageTitle>
          <Text>
            Your provider set the password you signed in with. Choose one of your own to go on,{' '}
            {session.user.name}.
          </Text>
          <OwnPasswordForm
            customerId={customerId}
            currentLabel="Password you were given"
            submitLabel="Save and continue"
            secondary={
              <Button variant="default" loading={signOut.isPending} onClick={() => signOut.mutate()}>
                Sign out
              </Button>
            }
            onChanged={() => queryClient.invalidateQueries({ queryKey: sessionKey })}
          />
        </Stack>
      </Paper>
    </Center>
  );
}
