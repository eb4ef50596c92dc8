import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { OwnedEffects } from './OwnedEffects.js';
import { suspension, suspensionUndone } from './status-consequences.js';
import { fullName, useSuspendCustomer } from './useCustomerActions.js';

export function SuspendCustomerDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const suspend = useSuspendCustomer(customer);
  return (
    <ConfirmDialog
      title={`Suspend ${fullName(customer)}?`}
      confirmLabel="Suspend"
      busy={suspend.isPending}
      onConfirm={() => suspend.mutate(reason.trim(), { onSuccess: onClose })}
      onClose={onClose}
    >
      <Text size="sm">
        While {fullName(customer)} ({customer.email}) is suspended:
      </Text>
      <OwnedEffects customers={[customer]} {...suspension} />
      <Text size="sm">{suspensionUndone}</Text>
      <TextInput
        label="Reason (optional)"
        description="Shown in the customer list and on the customer's page."
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        maxLength={500}
      />
      <MutationError failure={suspend.error} />
    </ConfirmDialog>
  );
}
