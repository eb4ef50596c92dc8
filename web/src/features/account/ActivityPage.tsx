import { Text } from '@mantine/core';
import { ListFooter } from '../../components/list/ListFooter.js';
import { ListPage } from '../../components/list/ListPage.js';
import { useListParams } from '../../components/list/useListParams.js';
import { AuditTable } from '../audit/AuditTable.js';
import { useCustomerActivity } from '../audit/queries.js';
import { useOwnCustomerId } from './useOwnCustomerId.js';

/** The customer's own log, including what support did while logged in as the customer. */
export function ActivityPage() {
  const customerId = useOwnCustomerId();
  const view = useListParams();
  const log = useCustomerActivity(customerId, view);
  return (
    <ListPage title="Activity log">
      <Text size="sm" c="dimmed">
        Everything done in your account, newest first — including actions by support staff logged in as you.
      </Text>
      <AuditTable label="Activity" events={log.data?.items ?? []} loading={log.isPending} error={log.error} />
      <ListFooter view={view} total={log.data?.total ?? 0} noun="event" />
    </ListPage>
  );
}
