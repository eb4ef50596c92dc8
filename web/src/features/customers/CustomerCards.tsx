import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate, plural } from '../../components/format.js';
import { staleRows } from '../../components/list/ListBody.js';
import { ListState } from '../../components/TableState.js';
import { CustomerRowMenu } from './CustomerRowMenu.js';
import { CustomerStatusNote } from './CustomerStatusNote.js';
import type { CustomerListProps } from './CustomersTable.js';
import { fullName } from './useCustomerActions.js';

/**
 * The customer list at phone width: one card per customer with the same values and actions as a
 * table row, so nothing scrolls sideways. Sorting stays in the URL (the wider table sets it).
 */
export function CustomerCards({
  view,
  page,
  loading,
  stale,
  error,
  isAdmin,
  onOpen,
  onImpersonate,
}: CustomerListProps) {
  const rows = page?.items ?? [];
  return (
    <>
      <ListState
        loading={loading && rows.length === 0}
        error={error}
        empty={rows.length === 0}
        emptyText={view.q || view.filter('status') ? 'No customers match.' : 'No customers yet.'}
      />
      <Stack
        component="ul"
        aria-label="Customers"
        gap="xs"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        {...staleRows(stale)}
      >
        {rows.map((customer) => (
          <Paper component="li" key={customer.id} withBorder p="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} miw={0}>
                <Anchor component={Link} to={`/customers/${customer.id}`} fw={600} size="sm" truncate="end">
                  {fullName(customer)}
                </Anchor>
                <Text size="sm" truncate="end" title={customer.email}>
                  {customer.email}
                </Text>
                {customer.company && (
                  <Text size="sm" c="dimmed" truncate="end" title={customer.company}>
                    {customer.company}
                  </Text>
                )}
              </Stack>
              <CustomerRowMenu
                customer={customer}
                onOpen={(dialog) => onOpen(customer, dialog)}
                onImpersonate={() => onImpersonate(customer)}
              />
            </Group>
            <Stack gap={0} mt={6} miw={0}>
              <CustomerStatusNote customer={customer} />
            </Stack>
            <Text size="xs" c="dimmed" mt={4}>
              {[
                isAdmin ? customer.reseller?.name : null,
                customer.package?.name,
                plural(customer.siteCount, 'website'),
                plural(customer.databaseCount, 'database'),
                `created ${formatDate(customer.createdAt)}`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Paper>
        ))}
      </Stack>
    </>
  );
}
