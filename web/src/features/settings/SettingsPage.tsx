import { Alert, Button, Card, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { describeFailure } from '../../api/problem.js';
import { PageLoader } from '../../app/PageLoader.js';
import { MutationError } from '../../components/MutationError.js';
import { PageTitle } from '../../components/PageTitle.js';

type Props<T> = {
  title: string;
  query: { data?: T; isPending: boolean; error: unknown };
  busy: boolean;
  failure: unknown;
  onSave: () => void;
  children: (settings: T) => ReactNode;
};

/** A settings form: loads, shows the fields, saves with one button. */
export function SettingsPage<T>({ title, query, busy, failure, onSave, children }: Props<T>) {
  return (
    <Stack maw={640}>
      <PageTitle>{title}</PageTitle>
      {query.isPending ? (
        <PageLoader />
      ) : query.data === undefined ? (
        <Alert color="red" title="Could not load the settings">
          {describeFailure(query.error)}
        </Alert>
      ) : (
        <Card withBorder>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              onSave();
            }}
          >
            <Stack>
              {children(query.data)}
              <MutationError failure={failure} />
              <Group justify="flex-end">
                <Button type="submit" loading={busy}>
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
