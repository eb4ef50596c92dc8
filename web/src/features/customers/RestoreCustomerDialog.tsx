import { Text } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { OwnedEffects } from './OwnedEffects.js';
import { restoredStatus, restoring } from './status-consequences.js';
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
        {fullName(customer)} ({customer.email}) {restoredStatus}
      </Text>
      <OwnedEffects customers={[customer]} {...restoring} />
      <MutationError failure={restore.error} />
    </ConfirmDialog>
  );
}
