import { List, Text } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { DeleteDialog } from '../../components/DeleteDialog.js';
import { backupsKeptText, useBackupCount } from '../backups/queries.js';
import { ownedCounts } from '../hosting/owned-counts.js';
import { useBackupSettings, usePlatformSettings } from '../settings/queries.js';
import { OwnedEffects } from './OwnedEffects.js';
import { deletion, retentionText } from './status-consequences.js';
import { fullName, useDeleteCustomer } from './useCustomerActions.js';

type Props = { customer: Customer; isAdmin: boolean; onClose: () => void };

export function DeleteCustomerDialog({ customer, isAdmin, onClose }: Props) {
  const owned = ownedCounts(customer);
  const platform = usePlatformSettings(isAdmin);
  const remove = useDeleteCustomer(customer);
  const backups = useBackupCount(customer.id);
  const backupSettings = useBackupSettings(isAdmin);
  return (
    <DeleteDialog title={`Delete ${fullName(customer)}?`} remove={remove} onClose={onClose}>
      <Text size="sm">
        {fullName(customer)} ({customer.email}) owns:
      </Text>
      <List size="sm" aria-label="What the customer owns">
        {owned.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      <Text size="sm">Until it is restored or permanently deleted:</Text>
      <OwnedEffects customers={[customer]} {...deletion} />
      {backups.data !== undefined && (isAdmin ? backupSettings.data !== undefined : true) && (
        <Text size="sm">{backupsKeptText(backups.data, backupSettings.data?.keepAfterPurgeDays)}</Text>
      )}
      <Text size="sm" fw={500}>
        {retentionText(platform.data?.permanentDeleteAfterDays)}
      </Text>
    </DeleteDialog>
  );
}
