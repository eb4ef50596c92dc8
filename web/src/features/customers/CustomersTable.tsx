import { Anchor, Group, Table } from '@mantine/core';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import type { Customer, CustomerPage } from '../../api/types.js';
import { formatDate } from '../../components/format.js';
import { Hint } from '../../components/Hint.js';
import { ListBody } from '../../components/list/ListBody.js';
import { RowCheckbox } from '../../components/list/RowCheckbox.js';
import { SortableHeader } from '../../components/list/SortableHeader.js';
import type { ListParams } from '../../components/list/useListParams.js';
import { TableState } from '../../components/TableState.js';
import type { CustomerDialog } from './CustomerRowActions.js';
import { CustomerRowMenu } from './CustomerRowMenu.js';
import { CustomerStatusNote } from './CustomerStatusNote.js';
import { fullName } from './useCustomerActions.js';
import type { CustomerSelection } from './useCustomerSelection.js';

type Column = {
  field: string;
  label: string;
  /** A fixed width in pixels; the name, company and email columns share what is left. */
  width?: number;
  adminOnly?: boolean;
  numeric?: boolean;
};

// The seed document's columns, in its order, sized so that all nine and the actions fit beside
// the navigation at 1280 px. The selection boxes stand in the name column, before each name, so
// the columns stay the seed's nine.
const columns: Column[] = [
  { field: 'name', label: 'Name' },
  { field: 'company', label: 'Company' },
  { field: 'email', label: 'Email' },
  { field: 'status', label: 'Status', width: 104 },
  { field: 'reseller', label: 'Reseller', width: 108, adminOnly: true },
  { field: 'package', label: 'Package', width: 96 },
  { field: 'siteCount', label: 'Websites', width: 88, numeric: true },
  { field: 'databaseCount', label: 'Databases', width: 98, numeric: true },
  { field: 'createdAt', label: 'Created', width: 100 },
];
type ExtraColumn = Column & { value: (customer: Customer) => string };

/**
 * Shown when chosen (`?columns=mailboxes`, `?columns=server` for admins): not sortable, the list's
 * sort indexes cover the seed's columns.
 */
const extraColumns: Record<string, ExtraColumn> = {
  mailboxes: {
    field: 'mailboxCount',
    label: 'Mailboxes',
    width: 96,
    numeric: true,
    value: (customer) => String(customer.mailboxCount),
  },
  server: {
    field: 'server',
    label: 'Server',
    width: 100,
    adminOnly: true,
    value: (customer) => customer.server.name,
  },
};
const actionsWidth = 72;

/** One line, cut with an ellipsis when too long; the full value shows on hover. */
const oneLine: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };

function Cell({ text, numeric = false }: { text: string; numeric?: boolean }) {
  return (
    <Table.Td title={text} style={{ ...oneLine, textAlign: numeric ? 'right' : undefined }}>
      {text}
    </Table.Td>
  );
}

/** The customer's name, linking to its page; focused or hovered, it shows the row's full values. */
function NameLink({ customer }: { customer: Customer }) {
  const details = [fullName(customer), customer.company, customer.email].filter(Boolean).join(' · ');
  return (
    <Hint label={details} openDelay={300}>
      <Anchor
        component={Link}
        to={`/customers/${customer.id}`}
        fw={500}
        size="sm"
        // minWidth: in the row's flex line beside its selection box, the name may shrink and be cut.
        style={{ ...oneLine, minWidth: 0 }}
        display="block"
      >
        {fullName(customer)}
      </Anchor>
    </Hint>
  );
}

/** What the table and the cards of the customer list are given. */
export type CustomerListProps = {
  view: ListParams;
  page: CustomerPage | undefined;
  loading: boolean;
  /** The rows shown are an earlier query's, while the current one loads. */
  stale: boolean;
  error: unknown;
  isAdmin: boolean;
  onOpen: (customer: Customer, dialog: CustomerDialog) => void;
  onImpersonate: (customer: Customer) => void;
  /** The customers chosen for a bulk action; the table gives each row a box (not the phone's cards). */
  selection?: CustomerSelection;
};

/** The customer list on wider screens: one line per customer, every seed column, no sideways scroll. */
export function CustomersTable({
  view,
  page,
  loading,
  stale,
  error,
  isAdmin,
  onOpen,
  onImpersonate,
  selection,
}: CustomerListProps) {
  const chosen = extraColumns[view.filter('columns')];
  const extra = chosen && (isAdmin || !chosen.adminOnly) ? chosen : undefined;
  const seed = columns.filter((column) => isAdmin || !column.adminOnly);
  const shown = extra ? [...seed, extra] : seed;
  const rows = page?.items ?? [];
  return (
    <Table
      striped
      highlightOnHover
      verticalSpacing={4}
      horizontalSpacing={8}
      fz="sm"
      lh={1.3}
      aria-label="Customers"
      style={{ tableLayout: 'fixed' }}
    >
      <colgroup>
        {shown.map((column) => (
          <col key={column.field} style={column.width ? { width: column.width } : undefined} />
        ))}
        <col style={{ width: actionsWidth }} />
      </colgroup>
      <Table.Thead>
        <Table.Tr>
          {seed.map((column, index) => (
            <SortableHeader
              key={column.field}
              field={column.field}
              label={column.label}
              sort={view.sort}
              onSort={(sort) => view.update({ sort })}
              leading={
                selection &&
                index === 0 && (
                  <RowCheckbox
                    label="Select all customers on this page"
                    checked={rows.length > 0 && selection.page === 'all'}
                    indeterminate={selection.page === 'some'}
                    onChange={(on) => selection.choose(rows, on)}
                  />
                )
              }
            />
          ))}
          {extra && (
            <Table.Th style={{ ...oneLine, textAlign: extra.numeric ? 'right' : undefined }}>
              {extra.label}
            </Table.Th>
          )}
          <Table.Th>
            <span style={oneLine}>Actions</span>
          </Table.Th>
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
          <Table.Tr key={customer.id} data-customer-id={customer.id}>
            <Table.Td>
              {selection ? (
                <Group gap={8} wrap="nowrap">
                  <RowCheckbox
                    label={`Select ${fullName(customer)}`}
                    checked={selection.isChosen(customer)}
                    onChange={(on) => selection.choose([customer], on)}
                  />
                  <NameLink customer={customer} />
                </Group>
              ) : (
                <NameLink customer={customer} />
              )}
            </Table.Td>
            <Cell text={customer.company || '—'} />
            <Cell text={customer.email} />
            <Table.Td style={oneLine}>
              <CustomerStatusNote customer={customer} />
            </Table.Td>
            {isAdmin && <Cell text={customer.reseller?.name ?? '—'} />}
            <Cell text={customer.package?.name ?? '—'} />
            <Cell text={String(customer.siteCount)} numeric />
            <Cell text={String(customer.databaseCount)} numeric />
            <Cell text={formatDate(customer.createdAt)} />
            {extra && <Cell text={extra.value(customer)} numeric={extra.numeric} />}
            <Table.Td>
              <CustomerRowMenu
                customer={customer}
                onOpen={(dialog) => onOpen(customer, dialog)}
                onImpersonate={() => onImpersonate(customer)}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListBody>
    </Table>
  );
}
