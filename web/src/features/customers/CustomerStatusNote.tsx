import { Text } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { formatDate } from '../../components/format.js';
import { CustomerStatusBadge } from './CustomerStatusBadge.js';

/** What the status means for this customer, under its badge: why it is suspended, when it goes. */
function statusNote(customer: Customer): string | null {
  if (customer.status === 'suspended') return customer.suspendReason || null;
  if (customer.status === 'deleted' && customer.purgeAfter)
    return `purged ${formatDate(customer.purgeAfter)}`;
  return null;
}

/** The status badge of a list row or card, with its note on one line under it. */
export function CustomerStatusNote({ customer }: { customer: Customer }) {
  const note = statusNote(customer);
  return (
    <>
      <CustomerStatusBadge status={customer.status} />
      {note && (
        <Text size="xs" c="dimmed" truncate="end" title={note} lh={1.3}>
          {note}
        </Text>
      )}
    </>
  );
}
