import { Alert, Button, Code, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { describeFailure } from '../../api/problem.js';
import type { Website } from '../../api/types.js';
import { AppModal } from '../../components/AppModal.js';
import { useWebsiteLog, type WebsiteLogKind } from './queries.js';

type Props = { site: Website; customerId: string; onClose: () => void };

/** The last lines nginx logged for one site: its requests, or what it refused and why. */
export function WebsiteLogsDialog({ site, customerId, onClose }: Props) {
  const [kind, setKind] = useState<WebsiteLogKind>('access');
  const log = useWebsiteLog(site, customerId, kind);
  const lines = log.data?.lines ?? [];
  return (
    <AppModal opened onClose={onClose} title={`Logs of ${site.domain}`} size="xl">
      <Stack>
        <Group justify="space-between">
          <SegmentedControl
            aria-label="Which log"
            value={kind}
            onChange={(value) => setKind(value as WebsiteLogKind)}
            data={[
              { value: 'access', label: 'Requests' },
              { value: 'error', label: 'Errors' },
            ]}
          />
          <Button variant="default" loading={log.isFetching} onClick={() => void log.refetch()}>
            Refresh
          </Button>
        </Group>
        {log.isError && (
          <Alert color="red" role="alert">
            {describeFailure(log.error)}
          </Alert>
        )}
        {log.isSuccess && lines.length === 0 && (
          <Text size="sm">
            Nothing logged yet: the site has had no {kind === 'access' ? 'request' : 'error'}.
          </Text>
        )}
        {lines.length > 0 && (
          <Code
            block
            aria-label={kind === 'access' ? 'Request log' : 'Error log'}
            mah={420}
            style={{ overflow: 'auto' }}
          >
            {lines.join('\n')}
          </Code>
        )}
        <Text size="xs" c="dimmed">
          The last {lines.length || 200} lines, newest at the bottom.
        </Text>
      </Stack>
    </AppModal>
  );
}
