import { Anchor, Code, Table, Text } from '@mantine/core';
import type { AuditEvent } from '../../api/types.js';
import { formatDateTime } from '../../components/format.js';
import { ScrollTable } from '../../components/ScrollTable.js';
import { TableState } from '../../components/TableState.js';
import { describeDetails, describePerson, describeTarget, personId } from './describe.js';

type Filter = { customerId: string } | { actorId: string } | { action: string };

type Props = {
  events: AuditEvent[];
  loading: boolean;
  error: unknown;
  label: string;
  /** When given, actor, customer and action cells filter the log. */
  onFilter?: (filter: Filter) => void;
};

function FilterLink({ text, onClick }: { text: string; onClick: (() => void) | undefined }) {
  if (!onClick) return <>{text}</>;
  return (
    <Anchor component="button" type="button" size="sm" onClick={onClick} title="Show only these events">
      {text}
    </Anchor>
  );
}

/** Audit events, newest first as the API returns them. */
export function AuditTable({ events, loading, error, label, onFilter }: Props) {
  return (
    <ScrollTable label={label} minWidth={900}>
      <Table striped verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Target</Table.Th>
            {onFilter && <Table.Th>Customer</Table.Th>}
            <Table.Th>Address</Table.Th>
            <Table.Th>Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <TableState
            columns={onFilter ? 7 : 6}
            loading={loading && events.length === 0}
            error={error}
            empty={events.length === 0}
            emptyText="No events."
          />
          {events.map((event) => {
            const actorId = personId(event.actor);
            return (
              <Table.Tr key={event.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at)}</Table.Td>
                <Table.Td>
                  <FilterLink
                    text={event.action}
                    onClick={onFilter && (() => onFilter({ action: event.action }))}
                  />
                </Table.Td>
                <Table.Td>
                  <FilterLink
                    text={describePerson(event.actor)}
                    onClick={onFilter && actorId ? () => onFilter({ actorId }) : undefined}
                  />
                  {event.impersonator && (
                    <Text size="xs" c="dimmed">
                      as support: {describePerson(event.impersonator)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{describeTarget(event.target)}</Table.Td>
                {onFilter && (
                  <Table.Td>
                    {event.customerId ? (
                      <FilterLink
                        text={event.customerId}
                        onClick={() => onFilter({ customerId: event.customerId ?? '' })}
                      />
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                )}
                <Table.Td>{event.ip ? <Code>{event.ip}</Code> : '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                    {describeDetails(event.details)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
