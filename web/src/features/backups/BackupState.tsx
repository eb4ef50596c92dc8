import { Badge, Stack, Text } from '@mantine/core';
import type { Backup, BackupJob } from '../../api/types.js';

const look: Record<Backup['state'] | BackupJob['state'], { color: string; label: string }> = {
  queued: { color: 'gray', label: 'Queued' },
  running: { color: 'blue', label: 'Running' },
  ready: { color: 'teal', label: 'Ready' },
  done: { color: 'teal', label: 'Done' },
  failed: { color: 'red', label: 'Failed' },
};

type Props = { state: keyof typeof look; detail: string | null };

/** A backup's or a job's state, with what it does now or why it failed written out under it. */
export function BackupState({ state, detail }: Props) {
  const { color, label } = look[state];
  return (
    <Stack gap={2}>
      <Badge color={color} variant="dot" tt="none">
        {label}
      </Badge>
      {detail && (
        <Text
          size="xs"
          c={state === 'failed' ? 'var(--mantine-color-error)' : 'dimmed'}
          style={{ overflowWrap: 'anywhere' }}
        >
          {detail}
        </Text>
      )}
    </Stack>
  );
}
