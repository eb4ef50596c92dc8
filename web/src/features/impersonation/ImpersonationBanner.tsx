import { Box, Button, Group, Text } from '@mantine/core';
import type { User } from '../../api/types.js';
import { useCustomer } from '../customers/queries.js';
import { useStopImpersonation } from './useStopImpersonation.js';

/** Two lines of small text fit on a phone; one line on wider screens. */
export const impersonationBannerHeight = { base: 56, sm: 44 };

/** The yellow bar shown while an admin or reseller acts as a customer. */
export function ImpersonationBanner({ customer }: { customer: User }) {
  const account = useCustomer(customer.customerId);
  const suspended = account.data?.status === 'suspended';
  const stop = useStopImpersonation();

  return (
    <Box bg="yellow.4" c="dark.9" px="md" role="region" aria-label="Impersonation">
      <Group justify="space-between" gap="xs" wrap="nowrap" h={impersonationBannerHeight}>
        <Text fz={{ base: 'xs', sm: 'sm' }} fw={600} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          You are logged in as {customer.name} ({customer.email}){suspended && ' — this account is suspended'}
        </Text>
        <Button
          size="xs"
          color="dark"
          loading={stop.isPending}
          onClick={() => stop.mutate()}
          style={{ flexShrink: 0 }}
        >
          Back to Admin
        </Button>
      </Group>
    </Box>
  );
}
