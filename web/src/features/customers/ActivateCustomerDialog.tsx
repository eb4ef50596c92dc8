import { Text } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { formatDate } from '../../components/format.js';
import { MutationError } from '../../components/MutationError.js';
import { OwnedEffects } from './OwnedEffects.js';
import { activation } from './status-consequences.js';
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
        {fullName(customer)} ({customer.email}) has been suspended since {formatDate(customer.suspendedAt)}
        {customer.suspendReason ? ` because: ${customer.suspendReason}` : ', with no reason given.'}
      </Text>
      <OwnedEffects customers={[customer]} {...activation} />
      <MutationError failure={reactivate.error} />
    </ConfirmDialog>
  );
}
