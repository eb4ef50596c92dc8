import { Alert, Center, Loader, Table, Text } from '@mantine/core';
import { describeFailure } from '../api/problem.js';

type State = {
  loading: boolean;
  error: unknown;
  empty: boolean;
  emptyText: string;
};

/** Why a list shows no rows: it is loading, it failed, or nothing matches; null when there are rows. */
export function ListState({ loading, error, empty, emptyText }: State) {
  if (!loading && !error && !empty) return null;
  return (
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
  );
}

/** The loading, error or empty row of a table; nothing when there are rows to show. */
export function TableState({ columns, ...state }: State & { columns: number }) {
  if (!state.loading && !state.error && !state.empty) return null;
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>
        <ListState {...state} />
      </Table.Td>
    </Table.Tr>
  );
}
