import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

export type PickerOption = { value: string; label: string };

/** What a picker chooses from: its wording, and how the API finds and names the options. */
export type PickerSource = {
  label: string;
  placeholder: string;
  /** Options matching the typed text, found by the API. */
  search: (text: string) => Promise<PickerOption[]>;
  /** The chosen id's label when the page opens with it (a reload, a shared link). */
  labelOf: (value: string) => Promise<string>;
  queryKey: string;
};

type Props = PickerSource & {
  /** The chosen id, from the URL; '' for none. */
  value: string;
  onChange: (value: string | null) => void;
};

/** A searchable choice of one customer, reseller or person, the API doing the searching. */
export function SearchPicker({ label, placeholder, value, onChange, search, labelOf, queryKey }: Props) {
  const [typed, setTyped] = useState('');
  const [text] = useDebouncedValue(typed, 250);
  const found = useQuery({
    queryKey: ['picker', queryKey, text],
    queryFn: () => search(text.trim()),
    placeholderData: keepPreviousData,
  });
  const chosen = useQuery({
    queryKey: ['picker', queryKey, 'label', value],
    queryFn: () => labelOf(value),
    enabled: value !== '',
  });
  const options = found.data ?? [];
  const data =
    value !== '' && !options.some((option) => option.value === value)
      ? [{ value, label: chosen.data ?? 'Loading…' }, ...options]
      : options;
  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      clearable
      data={data}
      value={value === '' ? null : value}
      onChange={onChange}
      onSearchChange={setTyped}
      // The API has matched the typed text already, on more than the label shows.
      filter={({ options: shown }) => shown}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'Nothing found'}
      w={200}
    />
  );
}
