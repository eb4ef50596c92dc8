import { Alert, Button, Center, Stack } from '@mantine/core';
import { describeFailure } from '../api/problem.js';

/** A full-page failure with a retry, for when the panel cannot reach the API. */
export function ErrorPanel({ failure, onRetry }: { failure: unknown; onRetry: () => void }) {
  return (
    <Center mih="100vh" p="md" component="main">
      <Stack maw={420}>
        <Alert color="red" title="Keel is not reachable" role="alert">
          {describeFailure(failure)}
        </Alert>
        <Button onClick={onRetry}>Try again</Button>
      </Stack>
    </Center>
  );
}
