import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { describeFailure } from '../../api/problem.js';
import type { CustomerPage } from '../../api/types.js';
import { BulkActionDialog } from './BulkActionDialog.js';
import { type BulkAction, bulkMaxCustomers, offeredActions, useAllMatching } from './bulk-actions.js';
import type { CustomerListQuery } from './queries.js';
import type { CustomerSelection } from './useCustomerSelection.js';

type Props = {
  selection: CustomerSelection;
  /** The page the list shows, for its total. */
  list: CustomerPage | undefined;
  query: CustomerListQuery;
  isAdmin: boolean;
};

/** After the whole page is chosen: the offer to choose every customer the list matches. */
function AllMatching({ selection, list, query }: Omit<Props, 'isAdmin'>) {
  const gather = useAllMatching(query);
  const total = list?.total ?? 0;
  const chosen = selection.customers.length;
  if (selection.page !== 'all' || !list) return null;
  if (chosen >= total) {
    // Said only when the choice reaches past the page, as after "Select all".
    return total > list.items.length ? (
      <Text size="sm">{`All ${total} customers matching the filter are selected.`}</Text>
    ) : null;
  }
  if (total > bulkMaxCustomers || list.totalIsEstimate) {
    return (
      <Text size="sm">
        {`More than ${bulkMaxCustomers.toLocaleString()} customers match: at most ${bulkMaxCustomers.toLocaleString()} can be changed at once, so narrow the search or the status filter to choose them all.`}
      </Text>
    );
  }
  return (
    <Text size="sm">
      {`All ${chosen} customers on this page are selected. `}
      <Anchor
        component="button"
        type="button"
        size="sm"
        disabled={gather.isPending}
        onClick={() =>
          gather.mutate(undefined, {
            onSuccess: (customers) => {
              if (customers.length <= bulkMaxCustomers) selection.choose(customers, true);
            },
          })
        }
      >
        {`Select all ${total} customers matching the filter`}
      </Anchor>
      {gather.isPending && ' (gathering…)'}
      {gather.data && gather.data.length > bulkMaxCustomers && (
        <Text span size="sm" c="var(--keel-danger-text)" role="alert">
          {` More than ${bulkMaxCustomers.toLocaleString()} customers match now; narrow the search or the filter.`}
        </Text>
      )}
      {gather.error && (
        <Text span size="sm" c="var(--keel-danger-text)" role="alert">
          {` ${describeFailure(gather.error)}`}
        </Text>
      )}
    </Text>
  );
}

/**
 * What the operator can do with the chosen customers: the count, Clear, and each bulk action that
 * applies to at least one of them by its permission (Restore only when deleted customers are
 * chosen). Loaded with the first choice, so the list's first load does not carry it.
 */
export function BulkCustomerBar({ selection, list, query, isAdmin }: Props) {
  const [open, setOpen] = useState<BulkAction | null>(null);
  const section = useRef<HTMLElement>(null);
  const { customers } = selection;
  const offered = offeredActions(customers);
  // The dialog that opened from the bar is gone, and the bar too once every chosen customer was
  // done: focus goes to the bar if it stays, else to the first chosen customer's row.
  const close = (doneIds: string[]) => {
    const first = customers[0]?.id;
    flushSync(() => {
      setOpen(null);
      selection.drop(doneIds);
    });
    if (section.current?.isConnected) section.current.focus();
    else document.querySelector<HTMLElement>(`[data-customer-id="${first}"] input[type="checkbox"]`)?.focus();
  };
  return (
    <Paper
      component="section"
      ref={section}
      tabIndex={-1}
      aria-label="Bulk actions"
      withBorder
      px="sm"
      py={6}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Text size="sm" fw={600} role="status">
              {`${customers.length} selected`}
            </Text>
            <Button variant="subtle" size="compact-sm" onClick={selection.clear}>
              Clear selection
            </Button>
          </Group>
          <Group gap="xs">
            {offered.map((action) => (
              <Button key={action.action} variant="default" size="compact-sm" onClick={() => setOpen(action)}>
                {action.label}
              </Button>
            ))}
            {offered.length === 0 && (
              <Text size="sm" c="dimmed">
                No bulk action applies to the selected customers.
              </Text>
            )}
          </Group>
        </Group>
        <AllMatching selection={selection} list={list} query={query} />
      </Stack>
      {open && <BulkActionDialog action={open} customers={customers} isAdmin={isAdmin} onClose={close} />}
    </Paper>
  );
}
