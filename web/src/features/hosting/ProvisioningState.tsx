import { Badge, Stack, Text } from '@mantine/core';
import type { HostedResource } from './hosting-kind.js';

const look = {
  pending: { color: 'gray', label: 'Pending' },
  ready: { color: 'teal', label: 'Ready' },
  error: { color: 'red', label: 'Error' },
} as const;

/**
 * What the real service has applied for a resource. Its error is written out, not hidden in a
 * tooltip: it is how an operator learns that a service is not configured or refused the change.
 */
export function ProvisioningState({ provisioning }: { provisioning: HostedResource['provisioning'] }) {
  const { color, label } = look[provisioning.state];
  return (
    <Stack gap={2}>
      <Badge color={color} variant="dot" tt="none">
        {label}
      </Badge>
      {provisioning.error && (
        <Text size="xs" c="var(--mantine-color-error)" style={{ overflowWrap: 'anywhere' }}>
          {provisioning.error}
        </Text>
      )}
    </Stack>
  );
}
