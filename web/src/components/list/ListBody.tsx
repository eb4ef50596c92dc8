import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * How a list shows rows of an earlier query while the next one loads: in place, so the page does
 * not jump, but dimmed and inert, so no click or key can reach a row that the new query may no
 * longer list (a Suspend hitting an active customer while "Suspended" loads).
 */
export function staleRows(stale: boolean) {
  return { inert: stale, 'aria-busy': stale, 'data-stale': stale || undefined, opacity: stale ? 0.4 : 1 };
}

type Props = {
  /** The rows are an earlier query's, shown while the new search, filter, sort or page loads. */
  stale: boolean;
  children: ReactNode;
};

/** A list table's rows, inert while they are stale. */
export function ListBody({ stale, children }: Props) {
  return <Table.Tbody {...staleRows(stale)}>{children}</Table.Tbody>;
}
