import { Button, Group, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { PageTitle } from '../PageTitle.js';

type Props = {
  title: string;
  /** The button that opens the create dialog, on lists whose entries the operator creates. */
  create?: { label: string; onClick: () => void };
  children: ReactNode;
};

/** A list page: its heading, with the create button if there is one, above the list. */
export function ListPage({ title, create, children }: Props) {
  const heading = <PageTitle>{title}</PageTitle>;
  return (
    <Stack>
      {create ? (
        <Group justify="space-between">
          {heading}
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={create.onClick}>
            {create.label}
          </Button>
        </Group>
      ) : (
        heading
      )}
      {children}
    </Stack>
  );
}
