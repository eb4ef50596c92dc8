import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { ScrollTable } from './ScrollTable.js';

type Props = { label: string; minWidth: number; headers: readonly string[]; children: ReactNode };

/**
 * A dense table inside a customer's section (its resources, backups, backup jobs): column headers
 * and rows, scrolling sideways on narrow screens and one card per row at phone width.
 */
export function CompactTable({ label, minWidth, headers, children }: Props) {
  return (
    <ScrollTable label={label} minWidth={minWidth}>
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            {headers.map((header) => (
              <Table.Th key={header}>{header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
