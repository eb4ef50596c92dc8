import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { ownedCounts } from '../hosting/owned-counts.js';
import { fullName, usePurgeCustomer } from './useCustomerActions.js';

/** Irreversible: the operator types the customer's email to confirm. */
export function PurgeCustomerDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const purge = usePurgeCustomer(customer);
  return (
    <ConfirmDialog
      title={`Permanently Delete ${fullName(customer)}?`}
      confirmLabel="Permanently Delete"
      color="red"
      busy={purge.isPending}
      canConfirm={typed.trim().toLowerCase() === customer.email.toLowerCase()}
      onConfirm={() => purge.mutate(undefined, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Text size="sm">
        This removes the customer's account and all of its data from the servers:{' '}
        {ownedCounts(customer).join(', ')} and the files in their home directory. It cannot be undone.
      </Text>
      <TextInput
        label={`Type ${customer.email} to confirm`}
        value={typed}
        onChange={(event) => setTyped(event.currentTarget.value)}
        autoComplete="off"
      />
      <MutationError failure={purge.error} />
    </ConfirmDialog>
  );
}
