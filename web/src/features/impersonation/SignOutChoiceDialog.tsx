import { Button, Group, Stack, Text } from '@mantine/core';
import { AppModal } from '../../components/AppModal.js';
import { useSignOut } from '../auth/useSignOut.js';
import { useStopImpersonation } from './useStopImpersonation.js';

type Props = { customerName: string; onClose: () => void };

/**
 * "Sign out" while logged in as a customer: the operator most often means to leave the customer,
 * not to end its own session, so it is asked which.
 */
export function SignOutChoiceDialog({ customerName, onClose }: Props) {
  const stop = useStopImpersonation();
  const signOut = useSignOut();
  return (
    <AppModal opened onClose={onClose} title="Sign out">
      <Stack>
        <Text size="sm">
          You are logged in as {customerName}. End only this support session and go back to your own account,
          or sign out of Keel altogether?
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="default" loading={signOut.isPending} onClick={() => signOut.mutate()}>
            Sign Out Completely
          </Button>
          <Button
            data-autofocus
            loading={stop.isPending}
            onClick={() => stop.mutate(undefined, { onSuccess: onClose })}
          >
            Back to Admin
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
