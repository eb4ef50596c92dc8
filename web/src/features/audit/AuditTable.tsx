import { Anchor, Code, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { AuditEvent } from '../../api/types.js';
import { formatDateTime } from '../../components/format.js';
import { ScrollTable } from '../../components/ScrollTable.js';
import { TableState } from '../../components/TableState.js';
import { eventSentence } from './sentence.js';

type Props = {
  events: AuditEvent[];
  loading: boolean;
  error: unknown;
  label: string;
  /** Whether a customer named by an event links to its page (not in the customer's own log). */
  linkCustomers?: boolean;
};

function EventText({ event, linkCustomers }: { event: AuditEvent; linkCustomers: boolean }) {
  const { who, did, customer, rest } = eventSentence(event);
  return (
    <Text size="sm">
      <Text span fw={600} inherit>
        {who}
      </Text>{' '}
      {did}
      {customer && ' '}
      {customer &&
        (linkCustomers && event.customerName ? (
          // Underlined: inside a sentence, the dark scheme's link blue is too close to its text.
          <Anchor component={Link} to={`/customers/${customer.id}`} inherit underline="always">
            {customer.name}
          </Anchor>
        ) : (
          customer.name
        ))}
      {rest}
    </Text>
  );
}

/** Audit events as sentences, newest first as the API returns them. */
export function AuditTable({ events, loading, error, label, linkCustomers = false }: Props) {
  return (
    <ScrollTable label={label} minWidth={640}>
      <Table striped verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>Address</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <TableState
            columns={3}
            loading={loading && events.length === 0}
            error={error}
            empty={events.length === 0}
            emptyText="No events."
          />
          {events.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                {formatDateTime(event.at)}
              </Table.Td>
              <Table.Td>
                <EventText event={event} linkCustomers={linkCustomers} />
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>{event.ip ? <Code>{event.ip}</Code> : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
