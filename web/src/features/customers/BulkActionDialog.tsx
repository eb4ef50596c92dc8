import { List, Select, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { plural } from '../../components/format.js';
import { MutationError } from '../../components/MutationError.js';
import { usePackageOptions } from '../packages/queries.js';
import { usePlatformSettings } from '../settings/queries.js';
import { BulkSummary } from './BulkSummary.js';
import { type BulkAction, permissionOf, useBulkCustomerAction, wasDone } from './bulk-actions.js';
import { OwnedEffects } from './OwnedEffects.js';
import {
  activation,
  deletion,
  restoredStatus,
  restoring,
  retentionText,
  suspension,
  suspensionUndone,
} from './status-consequences.js';
import { fullName } from './useCustomerActions.js';

const namesShown = 5;
const noPackage = 'none';

/** Whom the action changes, by name: the first few, then how many more. */
function CustomerNames({ customers, label }: { customers: readonly Customer[]; label: string }) {
  const more = customers.length - namesShown;
  return (
    <List size="sm" aria-label={label}>
      {customers.slice(0, namesShown).map((customer) => (
        <List.Item key={customer.id}>{`${fullName(customer)} (${customer.email})`}</List.Item>
      ))}
      {more > 0 && <List.Item>{`and ${more} more`}</List.Item>}
    </List>
  );
}

/** The chosen customers the action does not apply to, with the server's reasons, left as they are. */
function LeftOut({ customers, action }: { customers: readonly Customer[]; action: BulkAction }) {
  if (customers.length === 0) return null;
  const reasons = [
    ...new Set(customers.map((customer) => permissionOf(customer, action).reason ?? 'Not allowed')),
  ];
  return (
    <Text size="sm" c="dimmed">
      {`${plural(customers.length, 'other selected customer')} ${customers.length === 1 ? 'is' : 'are'} left as ${customers.length === 1 ? 'it is' : 'they are'}: ${reasons.join('; ')}.`}
    </Text>
  );
}

/** The packages this operator may assign, as the edit dialog offers them, and "No package". */
function PackageChoice({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const packages = usePackageOptions();
  return (
    <>
      <Select
        label="Package"
        placeholder="Choose the package"
        data={[{ value: noPackage, label: 'No package' }, ...(packages.data ?? [])]}
        value={value}
        onChange={onChange}
        searchable
      />
      <Text size="sm">
        The package sets what each customer may add from now on; what it already has stays.
      </Text>
    </>
  );
}

type Props = {
  action: BulkAction;
  /** All the chosen customers; the action goes to those whose permission allows it. */
  customers: readonly Customer[];
  isAdmin: boolean;
  /** With the ids of the customers the action was done to (none when cancelled). */
  onClose: (doneIds: string[]) => void;
};

/**
 * Asks before acting on many customers, naming them and saying what the change does, as the
 * single customer's dialog does; then shows what was done and what each refusal was.
 */
export function BulkActionDialog({ action, customers, isAdmin, onClose }: Props) {
  const applies = customers.filter((customer) => permissionOf(customer, action).allowed);
  const leftOut = customers.filter((customer) => !permissionOf(customer, action).allowed);
  const [reason, setReason] = useState('');
  const [packageId, setPackageId] = useState<string | null>(null);
  const bulk = useBulkCustomerAction();
  const platform = usePlatformSettings(isAdmin && action.action === 'delete');

  if (bulk.data) {
    const results = bulk.data;
    return (
      <BulkSummary
        action={action}
        results={results}
        customers={customers}
        onClose={() => onClose(results.filter(wasDone).map((result) => result.id))}
      />
    );
  }

  const ids = applies.map((customer) => customer.id);
  const confirm = () => {
    if (action.action === 'suspend')
      bulk.mutate({ action: action.action, ids, reason: reason.trim() || null });
    else if (action.action === 'change-package')
      bulk.mutate({ action: action.action, ids, packageId: packageId === noPackage ? null : packageId });
    else bulk.mutate({ action: action.action, ids });
  };
  const count = plural(applies.length, 'customer');

  return (
    <ConfirmDialog
      title={`${action.label} ${count}?`}
      confirmLabel={`${action.label} ${count}`}
      color={action.color === 'red' ? 'red' : undefined}
      busy={bulk.isPending}
      canConfirm={applies.length > 0 && (action.action !== 'change-package' || packageId !== null)}
      onConfirm={confirm}
      onClose={() => onClose([])}
    >
      <CustomerNames customers={applies} label={`Customers to ${action.label.toLowerCase()}`} />
      <LeftOut customers={leftOut} action={action} />
      {action.action === 'suspend' && (
        <>
          <Text size="sm">While they are suspended, for each of them:</Text>
          <OwnedEffects customers={applies} {...suspension} />
          <Text size="sm">{suspensionUndone}</Text>
          <TextInput
            label="Reason (optional)"
            description="The same for every customer; shown in the customer list and on each customer's page."
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={500}
          />
        </>
      )}
      {action.action === 'reactivate' && <OwnedEffects customers={applies} {...activation} />}
      {action.action === 'delete' && (
        <>
          <Text size="sm">Until they are restored or permanently deleted, for each of them:</Text>
          <OwnedEffects customers={applies} {...deletion} />
          <Text size="sm" fw={500}>
            {retentionText(platform.data?.permanentDeleteAfterDays)}
          </Text>
        </>
      )}
      {action.action === 'restore' && (
        <>
          <Text size="sm">{`Each customer ${restoredStatus}`}</Text>
          <OwnedEffects customers={applies} {...restoring} />
        </>
      )}
      {action.action === 'change-package' && <PackageChoice value={packageId} onChange={setPackageId} />}
      <MutationError failure={bulk.error} />
    </ConfirmDialog>
  );
}
