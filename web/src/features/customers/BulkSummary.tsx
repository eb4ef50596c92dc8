import { Button, Group, List, Stack, Text } from '@mantine/core';
import type { BulkCustomerResult, Customer } from '../../api/types.js';
import { AppModal } from '../../components/AppModal.js';
import { type BulkAction, summaryOf, wasDone } from './bulk-actions.js';
import { fullName } from './useCustomerActions.js';

type Props = {
  action: BulkAction;
  results: readonly BulkCustomerResult[];
  customers: readonly Customer[];
  onClose: () => void;
};

/** "12 suspended; 2 refused", and each refused customer by name with the server's reason. */
export function BulkSummary({ action, results, customers, onClose }: Props) {
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  const refused = results.filter((result) => !wasDone(result));
  const done = results.length - refused.length;
  const summary = summaryOf(action, results);
  return (
    <AppModal opened onClose={onClose} title={summary}>
      <Stack>
        {refused.length > 0 && (
          <List size="sm" aria-label="Refused">
            {refused.map((result) => {
              const customer = byId.get(result.id);
              return (
                <List.Item key={result.id}>
                  {`${customer ? fullName(customer) : result.id}: ${result.problem?.detail ?? result.problem?.title ?? `refused (${result.status})`}`}
                </List.Item>
              );
            })}
          </List>
        )}
        {done > 0 && refused.length > 0 && (
          <Text size="sm">The refused customers stay selected; the others are no longer.</Text>
        )}
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            Done
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
