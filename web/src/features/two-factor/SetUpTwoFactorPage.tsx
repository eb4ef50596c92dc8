import { Button, Center, Group, Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Session } from '../../api/types.js';
import { PageTitle } from '../../components/PageTitle.js';
import { sessionKey } from '../auth/session.js';
import { useSignOut } from '../auth/useSignOut.js';
import { TwoFactorSetup } from './TwoFactorSetup.js';

/**
 * Shown instead of the panel while the security setting holds the user's role to two-factor
 * sign-in (`twoFactorSetupRequired`): the server answers nothing else until it is set up.
 */
export function SetUpTwoFactorPage({ session }: { session: Session }) {
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={520}>
        <Stack>
          <PageTitle>Set up two-factor sign-in</PageTitle>
          <Text>
            Your provider requires two-factor sign-in for your account, {session.user.name}. Set it up to go
            on.
          </Text>
          <TwoFactorSetup onFinished={() => queryClient.invalidateQueries({ queryKey: sessionKey })} />
          <Group>
            <Button variant="subtle" loading={signOut.isPending} onClick={() => signOut.mutate()}>
              Sign out
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
