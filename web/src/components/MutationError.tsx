import { Alert, List } from '@mantine/core';
import { ApiProblem, describeFailure } from '../api/problem.js';

/** The API's refusal of a submitted form, with every reason it gave. */
export function MutationError({ failure }: { failure: unknown }) {
  if (!failure) return null;
  const reasons = failure instanceof ApiProblem ? failure.errors : [];
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={failure instanceof Error ? failure.message : undefined}
    >
      {reasons.length > 0 ? (
        <List size="sm">
          {reasons.map((reason) => (
            <List.Item key={`${reason.field}:${reason.message}`}>{reason.message}</List.Item>
          ))}
        </List>
      ) : (
        !(failure instanceof Error) && describeFailure(failure)
      )}
    </Alert>
  );
}
