import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { OwnedEffects } from './OwnedEffects.js';
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
      <OwnedEffects
        customer={customer}
        label="What suspension does"
        account="The customer can no longer log in to the panel; its open sessions and API tokens end at once."
        effect={(kind) => kind.underStatus.suspended}
      />
      <Text size="sm">Nothing is deleted: Activate brings everything back as it was.</Text>
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
