import { Text } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { fullName, useRestoreCustomer } from './useCustomerActions.js';

export function RestoreCustomerDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const restore = useRestoreCustomer(customer);
  return (
    <ConfirmDialog
      title={`Restore ${fullName(customer)}?`}
      confirmLabel="Restore"
      busy={restore.isPending}
      onConfirm={() => restore.mutate(undefined, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Text size="sm">
        The customer returns to the status it had before the deletion, with its websites, databases and other
        services as they were.
      </Text>
      <MutationError failure={restore.error} />
    </ConfirmDialog>
  );
}
