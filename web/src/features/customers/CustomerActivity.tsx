import { Card, Title } from '@mantine/core';
import { ListFooter } from '../../components/list/ListFooter.js';
import { useListParams } from '../../components/list/useListParams.js';
import { AuditTable } from '../audit/AuditTable.js';
import { useCustomerActivity } from '../audit/queries.js';

/** The customer's log, newest first, including what support did while logged in as it. */
export function CustomerActivity({ customerId }: { customerId: string }) {
  const view = useListParams();
  const log = useCustomerActivity(customerId, view);
  return (
    <Card withBorder component="section" aria-label="Activity">
      <Title order={2} size="h4" mb="xs">
        Activity
      </Title>
      <AuditTable
        label="Activity log"
        events={log.data?.items ?? []}
        loading={log.isPending}
        error={log.error}
      />
      <ListFooter view={view} total={log.data?.total ?? 0} noun="event" />
    </Card>
  );
}
