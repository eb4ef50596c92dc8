import { Button, Group, TextInput } from '@mantine/core';
import { ListFooter } from '../../components/list/ListFooter.js';
import { ListPage } from '../../components/list/ListPage.js';
import { useListParams } from '../../components/list/useListParams.js';
import { useSignedInSession } from '../auth/session.js';
import { AuditTable } from './AuditTable.js';
import { actorPicker, customerPicker, resellerPicker } from './auditPickers.js';
import { auditFilters, useAuditLog } from './queries.js';
import { type PickerSource, SearchPicker } from './SearchPicker.js';

export function AuditPage() {
  const view = useListParams();
  const log = useAuditLog(view);
  const isAdmin = useSignedInSession().user.role === 'admin';
  const filtered = auditFilters.some((name) => view.filter(name));
  // Each picker sets one filter of the URL.
  const picker = (name: (typeof auditFilters)[number], source: PickerSource) => (
    <SearchPicker
      value={view.filter(name)}
      onChange={(value) => view.update({ [name]: value })}
      {...source}
    />
  );

  return (
    <ListPage title="Audit log">
      <Group align="flex-end" gap="sm">
        {picker('customerId', customerPicker)}
        {isAdmin && picker('resellerId', resellerPicker)}
        {picker('actorId', actorPicker)}
        <TextInput
          type="date"
          label="From"
          value={view.filter('from')}
          max={view.filter('to') || undefined}
          onChange={(event) => view.update({ from: event.currentTarget.value })}
        />
        <TextInput
          type="date"
          label="To"
          value={view.filter('to')}
          min={view.filter('from') || undefined}
          onChange={(event) => view.update({ to: event.currentTarget.value })}
        />
        {filtered && (
          <Button
            variant="default"
            onClick={() => view.update(Object.fromEntries(auditFilters.map((name) => [name, null])))}
          >
            Clear filters
          </Button>
        )}
      </Group>
      <AuditTable
        label="Audit events"
        events={log.data?.items ?? []}
        loading={log.isPending}
        error={log.error}
        linkCustomers
      />
      <ListFooter view={view} total={log.data?.total ?? 0} noun="event" />
    </ListPage>
  );
}
