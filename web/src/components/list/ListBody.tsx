import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

type Props = {
  /** The rows are an earlier query's, shown while the new search, filter, sort or page loads. */
  stale: boolean;
  children: ReactNode;
};

/**
 * A list's rows. Rows of an earlier query stay in place while the next one loads, so the page does
 * not jump, but dimmed and inert: no click or key can reach a row that the new query may no longer
 * list (a Suspend hitting an active customer while "Suspended" loads).
 */
export function ListBody({ stale, children }: Props) {
  return (
    <Table.Tbody inert={stale} aria-busy={stale} data-stale={stale || undefined} opacity={stale ? 0.4 : 1}>
      {children}
    </Table.Tbody>
  );
}
