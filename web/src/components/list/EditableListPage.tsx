import { type ReactNode, useState } from 'react';
import { ListFooter } from './ListFooter.js';
import { ListPage } from './ListPage.js';
import { type EditableRow, type ListColumn, type ListQuery, ListTable } from './ListTable.js';
import type { ListParams } from './useListParams.js';

type Open<T> = { dialog: 'create' } | { dialog: 'edit' | 'delete'; row: T };

type Props<T> = {
  /** The page heading, which also names the table: "Resellers". */
  title: string;
  createLabel: string;
  emptyText: string;
  /** What the list counts, singular: "reseller". */
  noun: string;
  minWidth: number;
  columns: ListColumn<T>[];
  view: ListParams;
  list: ListQuery<T>;
  createDialog: (onClose: () => void) => ReactNode;
  editDialog: (row: T, onClose: () => void) => ReactNode;
  deleteDialog: (row: T, onClose: () => void) => ReactNode;
};

/** A list page whose entries are created, edited and deleted in dialogs. */
export function EditableListPage<T extends EditableRow>({
  title,
  createLabel,
  emptyText,
  noun,
  minWidth,
  columns,
  view,
  list,
  createDialog,
  editDialog,
  deleteDialog,
}: Props<T>) {
  const [open, setOpen] = useState<Open<T> | null>(null);
  const close = () => setOpen(null);
  return (
    <ListPage title={title} create={{ label: createLabel, onClick: () => setOpen({ dialog: 'create' }) }}>
      <ListTable
        label={title}
        minWidth={minWidth}
        columns={columns}
        view={view}
        list={list}
        emptyText={emptyText}
        onOpen={(dialog, row) => setOpen({ dialog, row })}
      />
      <ListFooter view={view} total={list.data?.total ?? 0} noun={noun} />
      {open?.dialog === 'create' && createDialog(close)}
      {open?.dialog === 'edit' && editDialog(open.row, close)}
      {open?.dialog === 'delete' && deleteDialog(open.row, close)}
    </ListPage>
  );
}
