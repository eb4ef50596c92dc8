import { Button, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useId } from 'react';
import type { Permission } from '../api/types.js';

type Props = { label: string; permission: Permission; onClick: () => void };

/**
 * A small "Add …" button that follows a permission: refused, it stays in its place and focusable
 * (aria-disabled), with the reason written under it, so it is read without hovering anything.
 */
export function PermittedButton({ label, permission, onClick }: Props) {
  const reasonId = useId();
  const icon = <IconPlus size={14} aria-hidden />;
  if (permission.allowed) {
    return (
      <Button size="xs" leftSection={icon} onClick={onClick}>
        {label}
      </Button>
    );
  }
  return (
    <Stack gap={2} align="flex-end">
      <Button size="xs" leftSection={icon} aria-disabled aria-describedby={reasonId} data-disabled>
        {label}
      </Button>
      <Text size="xs" c="dimmed" id={reasonId} ta="right" maw={260}>
        {permission.reason ?? 'Not allowed'}
      </Text>
    </Stack>
  );
}
