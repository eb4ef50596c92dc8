import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Customer, CustomerPage } from '../../api/types.js';
import { formatDate } from '../../components/format.js';
import { ListBody } from '../../components/list/ListBody.js';
import { SortableHeader } from '../../components/list/SortableHeader.js';
import type { ListParams } from '../../components/list/useListParams.js';
import { TableState } from '../../components/TableState.js';
import { type CustomerDialog, CustomerRowActions } from './CustomerRowActions.js';
import { CustomerStatusBadge } from './CustomerStatusBadge.js';
import { fullName } from './useCustomerActions.js';

type Column = { field: string; label: string; adminOnly?: boolean };

// The seed document's columns, in its order.
const columns: Column[] = [
  { field: 'name', label: 'Name' },
  { field: 'company', label: 'Company' },
  { field: 'email', label: 'Email' },
  { field: 'status', label: 'Status' },
  { field: 'reseller', label: 'Reseller', adminOnly: true },
  { field: 'package', label: 'Package' },
  { field: 'siteCount', label: 'Websites' },
  { field: 'databaseCount', label: 'Databases' },
  { field: 'createdAt', label: 'Created' },
];

type Props = {
  view: ListParams;
  page: CustomerPage | undefined;
  loading: boolean;
  /** The rows shown are an earlier query's, while the current one loads. */
  stale: boolean;
  error: unknown;
  isAdmin: boolean;
  onOpen: (customer: Customer, dialog: CustomerDialog) => void;
  onImpersonate: (customer: Customer) => void;
};

export function CustomersTable({ view, page, loading, stale, error, isAdmin, onOpen, onImpersonate }: Props) {
  const shown = columns.filter((column) => isAdmin || !column.adminOnly);
  const rows = page?.items ?? [];
  return (
    <Table.ScrollContainer minWidth={isAdmin ? 1040 : 940}>
      <Table
        striped
        highlightOnHover
        verticalSpacing="xs"
        horizontalSpacing="xs"
        fz="sm"
        aria-label="Customers"
      >
        <Table.Thead>
          <Table.Tr>
            {shown.map((column) => (
              <SortableHeader
                key={column.field}
                field={column.field}
                label={column.label}
                sort={view.sort}
                onSort={(sort) => view.update({ sort })}
              />
            ))}
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <ListBody stale={stale}>
          <TableState
            columns={shown.length + 1}
            loading={loading && rows.length === 0}
            error={error}
            empty={rows.length === 0}
            emptyText={view.q || view.filter('status') ? 'No customers match.' : 'No customers yet.'}
          />
          {rows.map((customer) => (
            <Table.Tr key={customer.id}>
              <Table.Td>
                <Anchor component={Link} to={`/customers/${customer.id}`} fw={500} size="sm">
                  {fullName(customer)}
                </Anchor>
              </Table.Td>
              <Table.Td>{customer.company || '—'}</Table.Td>
              <Table.Td>{customer.email}</Table.Td>
              <Table.Td>
                <CustomerStatusBadge status={customer.status} />
                {customer.purgeAfter && (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    purged {formatDate(customer.purgeAfter)}
                  </Text>
                )}
              </Table.Td>
              {isAdmin && <Table.Td>{customer.reseller?.name ?? '—'}</Table.Td>}
              <Table.Td>{customer.package?.name ?? '—'}</Table.Td>
              <Table.Td>{customer.siteCount}</Table.Td>
              <Table.Td>{customer.databaseCount}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(customer.createdAt)}</Table.Td>
              <Table.Td>
                <CustomerRowActions
                  customer={customer}
                  onOpen={(dialog) => onOpen(customer, dialog)}
                  onImpersonate={() => onImpersonate(customer)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListBody>
      </Table>
    </Table.ScrollContainer>
  );
}
