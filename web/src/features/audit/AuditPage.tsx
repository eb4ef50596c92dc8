import { Button, Group, TextInput } from '@mantine/core';
import { ListFooter } from '../../components/list/ListFooter.js';
import { ListPage } from '../../components/list/ListPage.js';
import { useListParams } from '../../components/list/useListParams.js';
import { AuditTable } from './AuditTable.js';
import { auditFilters, useAuditLog } from './queries.js';

const filterLabels: Record<(typeof auditFilters)[number], string> = {
  customerId: 'Customer ID',
  actorId: 'Actor ID',
  action: 'Action',
};

export function AuditPage() {
  const view = useListParams();
  const log = useAuditLog(view);
  const filtered = auditFilters.some((name) => view.filter(name));

  return (
    <ListPage title="Audit log">
      <Group align="flex-end" gap="sm">
        {auditFilters.map((name) => (
          <TextInput
            key={`${name}:${view.filter(name)}`}
            label={filterLabels[name]}
            defaultValue={view.filter(name)}
            onBlur={(event) => view.update({ [name]: event.currentTarget.value.trim() })}
            onKeyDown={(event) => {
              if (event.key === 'Enter') view.update({ [name]: event.currentTarget.value.trim() });
            }}
          />
        ))}
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
        onFilter={(filter) => view.update(filter)}
      />
      <ListFooter view={view} total={log.data?.total ?? 0} noun="event" />
    </ListPage>
  );
}
