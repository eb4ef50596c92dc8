import { Box, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { describeFailure, unwrap } from '../../api/problem.js';
import type { User } from '../../api/types.js';
import { useSwitchSession } from '../auth/session.js';

/** The yellow bar shown while an admin or reseller acts as a customer. */
export function ImpersonationBanner({ customer }: { customer: User }) {
  const switchSession = useSwitchSession();
  const navigate = useNavigate();
  const stop = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/impersonation/stop')),
    onSuccess: (session) => {
      switchSession(session);
      navigate('/customers');
    },
    onError: (failure) => notifications.show({ color: 'red', message: describeFailure(failure) }),
  });

  return (
    <Box bg="yellow.4" c="dark.9" px="md" py={6} role="region" aria-label="Impersonation">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
          You are logged in as {customer.name} ({customer.email})
        </Text>
        <Button size="xs" color="dark" loading={stop.isPending} onClick={() => stop.mutate()}>
          Back to Admin
        </Button>
      </Group>
    </Box>
  );
}
