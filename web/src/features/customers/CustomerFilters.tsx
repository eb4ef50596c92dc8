import { Group, Loader, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { ListParams } from '../../components/list/useListParams.js';
import { ServerFilter } from './ServerFilter.js';
import { searchHint } from './search-hint.js';

const statusOptions = [
  { value: '', label: 'Active and suspended' },
  { value: 'active', label: 'Active' },
  { value: 'suspended', label: 'Suspended' },
  { value: 'deleted', label: 'Deleted' },
];

// A select like the status filter's, so the list's first load carries no checkbox code.
const columnOptions = [
  { value: '', label: 'Standard' },
  { value: 'mailboxes', label: 'Standard and Mailboxes' },
];
const adminColumnOptions = [...columnOptions, { value: 'server', label: 'Standard and Server' }];

type Props = {
  view: ListParams;
  /** The list is loading the rows of a new search, filter, sort or page. */
  updating: boolean;
  /** The table (not the phone's cards) offers the optional Mailboxes column. */
  columnChoice: boolean;
  /** Admins filter by server and may show the Server column; the filter only once there are several. */
  isAdmin: boolean;
};

/** Search (debounced into the URL), the status filter and the optional column of the customer list. */
export function CustomerFilters({ view, updating, columnChoice, isAdmin }: Props) {
  const [search, setSearch] = useState(view.q);
  const [debounced] = useDebouncedValue(search, 300);
  const { q, update } = view;

  // The last search written to the URL; a different q in the URL came from Back or a link.
  const written = useRef(q);

  useEffect(() => {
    const next = debounced.trim();
    if (next === written.current) return;
    written.current = next;
    update({ q: next }, { replace: true });
  }, [debounced, update]);

  useEffect(() => {
    if (q === written.current) return;
    written.current = q;
    setSearch(q);
  }, [q]);

  return (
    <Group align="flex-end" gap="sm">
      <TextInput
        label="Search"
        placeholder="Name, company or email"
        type="search"
        description={searchHint(search)}
        inputWrapperOrder={['label', 'input', 'description']}
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        style={{ flex: '1 1 240px' }}
      />
      <NativeSelect
        label="Status"
        data={statusOptions}
        value={view.filter('status')}
        onChange={(event) => update({ status: event.currentTarget.value })}
      />
      {isAdmin && <ServerFilter view={view} />}
      {columnChoice && (
        <NativeSelect
          label="Columns"
          data={isAdmin ? adminColumnOptions : columnOptions}
          value={view.filter('columns')}
          // The page stays: only what each row shows changes.
          onChange={(event) => update({ columns: event.currentTarget.value, page: view.page })}
        />
      )}
      {updating && <Loader size="sm" mb={8} role="status" aria-label="Loading customers" />}
    </Group>
  );
}
