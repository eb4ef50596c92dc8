import { List, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
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
      <Text size="sm">Effects of suspension:</Text>
      <List size="sm">
        <List.Item>The customer can no longer log in to the panel; open sessions end at once.</List.Item>
        <List.Item>All of the customer's websites are deactivated.</List.Item>
        <List.Item>Email delivery remains active (incoming emails are stored).</List.Item>
      </List>
      <TextInput
        label="Reason (optional)"
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        maxLength={500}
      />
      <MutationError failure={suspend.error} />
    </ConfirmDialog>
  );
}
