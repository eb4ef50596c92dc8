import { Button, Group, TextInput } from '@mantine/core';
import { ListFooter } from '../../components/list/ListFooter.js';
import { ListPage } from '../../components/list/ListPage.js';
import { useListParams } from '../../components/list/useListParams.js';
import { useSignedInSession } from '../auth/session.js';
import { AuditTable } from './AuditTable.js';
import { actorPicker, customerPicker, resellerPicker } from './auditPickers.js';
import { auditFilters, useAuditLog } from './queries.js';
import { SearchPicker } from './SearchPicker.js';

export function AuditPage() {
  const view = useListParams();
  const log = useAuditLog(view);
  const isAdmin = useSignedInSession().user.role === 'admin';
  const filtered = auditFilters.some((name) => view.filter(name));
  const choose = (name: (typeof auditFilters)[number]) => (value: string | null) =>
    view.update({ [name]: value });

  return (
    <ListPage title="Audit log">
      <Group align="flex-end" gap="sm">
        <SearchPicker
          label="Customer"
          placeholder="Any customer"
          queryKey="customers"
          value={view.filter('customerId')}
          onChange={choose('customerId')}
          {...customerPicker}
        />
        {isAdmin && (
          <SearchPicker
            label="Reseller"
            placeholder="Any reseller"
            queryKey="resellers"
            value={view.filter('resellerId')}
            onChange={choose('resellerId')}
            {...resellerPicker}
          />
        )}
        <SearchPicker
          label="Done by"
          placeholder="Anyone"
          queryKey="actors"
          value={view.filter('actorId')}
          onChange={choose('actorId')}
          {...actorPicker}
        />
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
