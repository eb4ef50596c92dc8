import { List, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { backupsPurgedText, useBackupCount } from '../backups/queries.js';
import { ownedEffects } from '../hosting/owned-counts.js';
import { useBackupSettings } from '../settings/queries.js';
import { fullName, usePurgeCustomer } from './useCustomerActions.js';

/** Irreversible: the operator types the customer's email to confirm. */
type Props = { customer: Customer; isAdmin: boolean; onClose: () => void };

export function PurgeCustomerDialog({ customer, isAdmin, onClose }: Props) {
  const [typed, setTyped] = useState('');
  const purge = usePurgeCustomer(customer);
  const backups = useBackupCount(customer.id);
  const backupSettings = useBackupSettings(isAdmin);
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
        This removes the account of {fullName(customer)} ({customer.email}) and everything it owns from the
        servers, for good. The audit log keeps the record that the customer existed and who removed it.
      </Text>
      <List size="sm" aria-label="What is removed">
        {ownedEffects([customer], (kind) => kind.purged).map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      {backups.data !== undefined && (isAdmin ? backupSettings.data !== undefined : true) && (
        <Text size="sm">{backupsPurgedText(backups.data, backupSettings.data?.keepAfterPurgeDays)}</Text>
      )}
      <Text size="sm" fw={500}>
        This cannot be undone.
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
