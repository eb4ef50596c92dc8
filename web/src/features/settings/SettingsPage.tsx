import { Alert, Button, Card, Group, Stack } from '@mantine/core';
import { type ComponentType, useState } from 'react';
import { describeFailure } from '../../api/problem.js';
import { PageLoader } from '../../app/PageLoader.js';
import { MutationError } from '../../components/MutationError.js';
import { PageTitle } from '../../components/PageTitle.js';

/** What the fields of one settings form get: the whole settings object, and where to hand a changed copy. */
export type SettingsFieldsProps<T> = { value: T; onChange: (next: T) => void };

type Props<T> = {
  title: string;
  query: { data?: T; isPending: boolean; error: unknown };
  save: { mutate: (settings: T) => void; isPending: boolean; error: unknown };
  fields: ComponentType<SettingsFieldsProps<T>>;
};

/**
 * A settings form: loads the settings, lets the fields edit a copy, and saves the whole copy with
 * one button (the settings routes replace, they do not patch).
 */
export function SettingsPage<T>({ title, query, save, fields: Fields }: Props<T>) {
  // Null until the first change, so the fields show the loaded settings as they arrive.
  const [edited, setEdited] = useState<T | null>(null);
  const loaded = query.data;
  return (
    <Stack maw={640}>
      <PageTitle>{title}</PageTitle>
      {query.isPending ? (
        <PageLoader />
      ) : loaded === undefined ? (
        <Alert color="red" title="Could not load the settings">
          {describeFailure(query.error)}
        </Alert>
      ) : (
        <Card withBorder>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate(edited ?? loaded);
            }}
          >
            <Stack>
              <Fields value={edited ?? loaded} onChange={setEdited} />
              <MutationError failure={save.error} />
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending}>
                  Save
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}
