import type { Customer, CustomerChanges } from '../../api/types.js';
import { type CustomerFields, CustomerFormDialog, fieldsOf } from './CustomerFormDialog.js';
import { fullName, useUpdateCustomer } from './useCustomerActions.js';

/** Only what changed, with the version read, so a concurrent edit is refused (409). */
function changesOf(before: CustomerFields, after: CustomerFields, customer: Customer, isAdmin: boolean) {
  const changes: CustomerChanges = { version: customer.version };
  if (after.firstName.trim() !== before.firstName) changes.firstName = after.firstName.trim();
  if (after.lastName.trim() !== before.lastName) changes.lastName = after.lastName.trim();
  if (after.company.trim() !== before.company) changes.company = after.company.trim() || null;
  if (after.email.trim() !== before.email) changes.email = after.email.trim();
  if (isAdmin && after.resellerId !== before.resellerId) changes.resellerId = after.resellerId;
  if (after.packageId !== before.packageId) changes.packageId = after.packageId;
  return changes;
}

type Props = { customer: Customer; isAdmin: boolean; onClose: () => void };

export function EditCustomerDialog({ customer, isAdmin, onClose }: Props) {
  const update = useUpdateCustomer(customer);
  const initial = fieldsOf(customer);
  return (
    <CustomerFormDialog
      title={`Edit Customer ${fullName(customer)}`}
      submitLabel="Save"
      initial={initial}
      isAdmin={isAdmin}
      packagePermission={customer.permissions.changePackage}
      busy={update.isPending}
      failure={update.error}
      onSubmit={(fields) =>
        update.mutate(changesOf(initial, fields, customer, isAdmin), { onSuccess: onClose })
      }
      onClose={onClose}
    />
  );
}
