import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { type CustomerFields, CustomerFormDialog, fieldsOf } from './CustomerFormDialog.js';
import { useCreateCustomer } from './useCustomerActions.js';

function newCustomerBody(fields: CustomerFields, isAdmin: boolean) {
  return {
    firstName: fields.firstName.trim(),
    lastName: fields.lastName.trim(),
    email: fields.email.trim(),
    ...(fields.company.trim() ? { company: fields.company.trim() } : {}),
    ...(isAdmin && fields.resellerId ? { resellerId: fields.resellerId } : {}),
    ...(fields.packageId ? { packageId: fields.packageId } : {}),
  };
}

/** Create Customer, then the one-time result with the email and the generated password. */
export function CreateCustomerDialog({ isAdmin, onClose }: { isAdmin: boolean; onClose: () => void }) {
  const create = useCreateCustomer();
  if (create.data) {
    return (
      <OneTimeSecretDialog
        title="Customer created"
        login={create.data.customer.email}
        secret={create.data.password}
        onClose={onClose}
      />
    );
  }
  return (
    <CustomerFormDialog
      title="Create Customer"
      submitLabel="Create"
      initial={fieldsOf(null)}
      isAdmin={isAdmin}
      busy={create.isPending}
      failure={create.error}
      onSubmit={(fields) => create.mutate(newCustomerBody(fields, isAdmin))}
      onClose={onClose}
    />
  );
}
