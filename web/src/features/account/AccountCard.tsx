import { Button, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { Fact } from '../../components/Fact.js';
import { formatDate } from '../../components/format.js';
import { CustomerStatusBadge } from '../customers/CustomerStatusBadge.js';
import { fullName } from '../customers/useCustomerActions.js';

type Props = { customer: Customer; onChangePassword: () => void };

/** The customer's own account at a glance. */
export function AccountCard({ customer, onChangePassword }: Props) {
  return (
    <Card withBorder component="section" aria-label="Account">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Account
        </Title>
        {customer.permissions.changePassword.allowed ? (
          <Button variant="default" size="xs" onClick={onChangePassword}>
            Change Password
          </Button>
        ) : (
          <Text size="xs" c="dimmed">
            {customer.permissions.changePassword.reason}
          </Text>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        <Fact label="Name">{fullName(customer)}</Fact>
        <Fact label="Company">{customer.company || '—'}</Fact>
        <Fact label="Email">{customer.email}</Fact>
        <Fact label="Status">
          <CustomerStatusBadge status={customer.status} />
        </Fact>
        <Fact label="Package">{customer.package?.name ?? '—'}</Fact>
        <Fact label="Customer since">{formatDate(customer.createdAt)}</Fact>
      </SimpleGrid>
    </Card>
  );
}
