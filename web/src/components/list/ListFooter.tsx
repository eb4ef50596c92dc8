import { Box, Group, NativeSelect, Pagination, Text } from '@mantine/core';
import { plural } from '../format.js';
import type { ListParams } from './useListParams.js';
import { pageSizes } from './useListParams.js';

type Props = {
  view: ListParams;
  total: number;
  /** What is counted, singular: "customer". */
  noun: string;
  /** The total is the database's estimate (very long lists). */
  estimated?: boolean;
};

const controlLabels = {
  first: 'First page',
  previous: 'Previous page',
  next: 'Next page',
  last: 'Last page',
};

/** Page navigation, page size and the total, below a list. */
export function ListFooter({ view, total, noun, estimated = false }: Props) {
  const pages = Math.max(1, Math.ceil(total / view.perPage));
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed">
        {estimated ? `About ${plural(total, noun)}` : plural(total, noun)}
      </Text>
      <Group gap="sm">
        <NativeSelect
          aria-label="Rows per page"
          size="xs"
          value={String(view.perPage)}
          data={pageSizes.map((size) => ({ value: String(size), label: `${size} per page` }))}
          onChange={(event) => view.update({ perPage: event.currentTarget.value })}
        />
        <Box component="nav" aria-label="Pages">
          <Pagination
            size="sm"
            total={pages}
            value={Math.min(view.page, pages)}
            onChange={(page) => view.update({ page })}
            getControlProps={(control) => ({ 'aria-label': controlLabels[control] })}
            getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
          />
        </Box>
      </Group>
    </Group>
  );
}
