import { List, Text } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { DeleteDialog } from '../../components/DeleteDialog.js';
import { formatDate } from '../../components/format.js';
import { backupsKeptText, useBackupCount } from '../backups/queries.js';
import { ownedCounts } from '../hosting/owned-counts.js';
import { usePlatformSettings } from '../settings/queries.js';
import { OwnedEffects } from './OwnedEffects.js';
import { fullName, useDeleteCustomer } from './useCustomerActions.js';

const dayMs = 24 * 60 * 60 * 1000;

function retentionText(days: number | undefined): string {
  if (days === 0)
    return 'The customer and all of its data are permanently deleted at once. This cannot be undone.';
  const when =
    days === undefined
      ? "after the platform's retention period"
      : `on ${formatDate(new Date(Date.now() + days * dayMs).toISOString())} (in ${days} days)`;
  return `The customer can no longer log in and its services stop, but nothing is lost yet: it can be restored until it is permanently deleted ${when}.`;
}

type Props = { customer: Customer; isAdmin: boolean; onClose: () => void };

export function DeleteCustomerDialog({ customer, isAdmin, onClose }: Props) {
  const owned = ownedCounts(customer);
  const platform = usePlatformSettings(isAdmin);
  const remove = useDeleteCustomer(customer);
  const backups = useBackupCount(customer.id);
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
      <OwnedEffects
        customer={customer}
        label="What deletion does"
        account="The customer can no longer log in; its open sessions and API tokens end at once."
        effect={(kind) => kind.underStatus.deleted}
      />
      {backups.data !== undefined && <Text size="sm">{backupsKeptText(backups.data)}</Text>}
      <Text size="sm" fw={500}>
        {retentionText(platform.data?.permanentDeleteAfterDays)}
      </Text>
    </DeleteDialog>
  );
}
