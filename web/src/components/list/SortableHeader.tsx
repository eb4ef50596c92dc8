import { Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import type { ReactNode } from 'react';

type Props = {
  field: string;
  label: string;
  sort: string;
  onSort: (sort: string) => void;
  /** Shown before the label, such as the box that selects every row of the page. */
  leading?: ReactNode;
};

/** A column header that sorts by its field; aria-sort tells which way. */
export function SortableHeader({ field, label, sort, onSort, leading }: Props) {
  const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  const Icon =
    direction === 'ascending' ? IconArrowUp : direction === 'descending' ? IconArrowDown : IconArrowsSort;
  const sorter = (
    <UnstyledButton
      onClick={() => onSort(direction === 'ascending' ? `-${field}` : field)}
      fw={700}
      fz="sm"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }}
    >
      {label}
      <Icon size={14} aria-hidden="true" />
    </UnstyledButton>
  );
  return (
    <Table.Th aria-sort={direction}>
      {leading ? (
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          {leading}
          {sorter}
        </span>
      ) : (
        sorter
      )}
    </Table.Th>
  );
}
