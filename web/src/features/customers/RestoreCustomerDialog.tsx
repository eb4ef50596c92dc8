import { Text } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { OwnedEffects } from './OwnedEffects.js';
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
        {fullName(customer)} ({customer.email}) returns to the status it had before the deletion: active, or
        still suspended if it was suspended, and is no longer due for permanent deletion.
      </Text>
      <OwnedEffects
        customer={customer}
        label="What restoring does"
        account="The customer can log in again, unless it was suspended."
        effect={() => 'back as before the deletion'}
      />
      <MutationError failure={restore.error} />
    </ConfirmDialog>
  );
}
