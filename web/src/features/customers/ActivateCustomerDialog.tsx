import { Text } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { fullName, useReactivateCustomer } from './useCustomerActions.js';

export function ActivateCustomerDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const reactivate = useReactivateCustomer(customer);
  return (
    <ConfirmDialog
      title={`Activate ${fullName(customer)}?`}
      confirmLabel="Activate"
      busy={reactivate.isPending}
      onConfirm={() => reactivate.mutate(undefined, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Text size="sm">
        The customer can log in again and all of the customer's services are restored as they were before the
        suspension.
      </Text>
      {customer.suspendReason && <Text size="sm">Suspended because: {customer.suspendReason}</Text>}
      <MutationError failure={reactivate.error} />
    </ConfirmDialog>
  );
}
