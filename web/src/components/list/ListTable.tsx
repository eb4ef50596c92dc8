import { Group, Table } from '@mantine/core';
import { IconEdit, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Permission } from '../../api/types.js';
import { IconAction } from '../IconAction.js';
import { TableState } from '../TableState.js';
import { ListBody } from './ListBody.js';
import { SortableHeader } from './SortableHeader.js';
import type { ListParams } from './useListParams.js';

/** A column; one with a `sortField` sorts the list by that API sort field when its header is clicked. */
export type ListColumn<T> = { label: string; render: (row: T) => ReactNode; sortField?: string };

/** A list as its query gives it: a page of rows once loaded, or why it could not be loaded. */
export type ListQuery<T> = {
  data: { items: T[]; total: number } | undefined;
  isPending: boolean;
  /** The rows are an earlier query's, while the current one loads. */
  isPlaceholderData: boolean;
  error: unknown;
};

type Props<T> = {
  label: string;
  minWidth: number;
  columns: ListColumn<T>[];
  view: ListParams;
  list: ListQuery<T>;
  emptyText: string;
  onOpen: (dialog: 'edit' | 'delete', row: T) => void;
};

/** A row the server presents with what the caller may do with it. */
export type EditableRow = { id: string; permissions: { edit: Permission; delete: Permission } };

/**
 * A list's table whose every row has an Edit and a Delete button after its columns, each disabled
 * with the server's reason when the row's permissions refuse it.
 */
export function ListTable<T extends EditableRow>({
  label,
  minWidth,
  columns,
  view,
  list,
  emptyText,
  onOpen,
}: Props<T>) {
  const rows = list.data?.items ?? [];
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) =>
              column.sortField ? (
                <SortableHeader
                  key={column.label}
                  field={column.sortField}
                  label={column.label}
                  sort={view.sort}
                  onSort={(sort) => view.update({ sort })}
                />
              ) : (
                <Table.Th key={column.label}>{column.label}</Table.Th>
              ),
            )}
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <ListBody stale={list.isPlaceholderData}>
          <TableState
            columns={columns.length + 1}
            loading={list.isPending}
            error={list.error}
            empty={rows.length === 0}
            emptyText={emptyText}
          />
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              {columns.map((column) => (
                <Table.Td key={column.label}>{column.render(row)}</Table.Td>
              ))}
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <IconAction
                    label="Edit"
                    Icon={IconEdit}
                    permission={row.permissions.edit}
                    onClick={() => onOpen('edit', row)}
                  />
                  <IconAction
                    label="Delete"
                    Icon={IconTrash}
                    color="red"
                    permission={row.permissions.delete}
                    onClick={() => onOpen('delete', row)}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListBody>
      </Table>
    </Table.ScrollContainer>
  );
}
