import { Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiProblem } from '../../api/problem.js';
import { ScrollTable } from '../../components/ScrollTable.js';
import { TableState } from '../../components/TableState.js';

export type ResourceColumn<T> = { label: string; render: (item: T) => ReactNode };

type Props<T> = {
  title: string;
  items: T[] | undefined;
  loading: boolean;
  error: unknown;
  columns: ResourceColumn<T>[];
  keyOf: (item: T) => string;
  /** A button beside the title, such as "Add DNS zone". */
  action?: ReactNode;
};

const provisioningLook = {
  pending: { color: 'gray', label: 'Pending' },
  ready: { color: 'teal', label: 'Ready' },
  error: { color: 'red', label: 'Error' },
} as const;

type Provisioning = { state: keyof typeof provisioningLook; error?: string | null };

/** What the real service has applied for a resource; its error, if any, as the tooltip. */
export function ProvisioningBadge({ provisioning }: { provisioning: Provisioning }) {
  const { color, label } = provisioningLook[provisioning.state];
  return (
    <Badge color={color} variant="dot" tt="none" title={provisioning.error ?? undefined}>
      {label}
    </Badge>
  );
}

/** One kind of hosting resource of the customer; says so when the API does not offer it yet. */
export function ResourceSection<T>({ title, items, loading, error, columns, keyOf, action }: Props<T>) {
  const unavailable = error instanceof ApiProblem && (error.status === 404 || error.status === 501);
  const rows = items ?? [];
  return (
    <Card withBorder component="section" aria-label={title}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {unavailable ? (
        <Text size="sm" c="dimmed">
          Not available yet.
        </Text>
      ) : (
        <ScrollTable label={`${title} list`} minWidth={420}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.label}>{column.label}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TableState
                columns={columns.length}
                loading={loading}
                error={error}
                empty={rows.length === 0}
                emptyText={`No ${title.toLowerCase()} yet.`}
              />
              {rows.map((item) => (
                <Table.Tr key={keyOf(item)}>
                  {columns.map((column) => (
                    <Table.Td key={column.label}>{column.render(item)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Card>
  );
}
