import { Card, SimpleGrid, Text } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { Fact } from '../../components/Fact.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { CustomerStatusBadge } from './CustomerStatusBadge.js';

/** What an operator knows of a customer: its data, its status and why it is suspended or deleted. */
export function CustomerFacts({ customer, isAdmin }: { customer: Customer; isAdmin: boolean }) {
  return (
    <Card withBorder component="section" aria-label="Customer details">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        <Fact label="Email">{customer.email}</Fact>
        <Fact label="Company">{customer.company || '—'}</Fact>
        <Fact label="Status">
          <CustomerStatusBadge status={customer.status} />
        </Fact>
        {customer.status === 'suspended' && (
          <>
            <Fact label="Suspended">{formatDateTime(customer.suspendedAt)}</Fact>
            <Fact label="Suspension reason">
              {customer.suspendReason || <Text c="dimmed">No reason given</Text>}
            </Fact>
          </>
        )}
        {customer.status === 'deleted' && (
          <>
            <Fact label="Deleted">{formatDateTime(customer.deletedAt)}</Fact>
            <Fact label="Permanently deleted">
              {customer.purgeStartedAt ? 'In progress' : formatDate(customer.purgeAfter)}
            </Fact>
          </>
        )}
        {isAdmin && <Fact label="Reseller">{customer.reseller?.name ?? '—'}</Fact>}
        <Fact label="Package">{customer.package?.name ?? 'None (no limits)'}</Fact>
        <Fact label="Customer since">{formatDate(customer.createdAt)}</Fact>
      </SimpleGrid>
    </Card>
  );
}
