import { Alert, Center, Loader, Table, Text } from '@mantine/core';
import { describeFailure } from '../api/problem.js';

type Props = {
  columns: number;
  loading: boolean;
  error: unknown;
  empty: boolean;
  emptyText: string;
};

/** The loading, error or empty row of a table; nothing when there are rows to show. */
export function TableState({ columns, loading, error, empty, emptyText }: Props) {
  if (!loading && !error && !empty) return null;
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>
        <Center mih={120}>
          {loading ? (
            <Loader size="sm" role="status" aria-label="Loading" />
          ) : error ? (
            <Alert color="red" variant="light" title="Could not load">
              {describeFailure(error)}
            </Alert>
          ) : (
            <Text c="dimmed">{emptyText}</Text>
          )}
        </Center>
      </Table.Td>
    </Table.Tr>
  );
}
