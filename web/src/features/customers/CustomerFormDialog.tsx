import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { Customer, Permission } from '../../api/types.js';
import { FormDialog } from '../../components/FormDialog.js';
import { LoginEmailInput } from '../../components/LoginEmailInput.js';
import { useFormFields } from '../../components/useFormFields.js';
import { usePackageOptions } from '../packages/queries.js';
import { useResellerOptions } from '../resellers/queries.js';

export type CustomerFields = {
  firstName: string;
  lastName: string;
  company: string;
  email: string;
  resellerId: string | null;
  packageId: string | null;
};

export function fieldsOf(customer: Customer | null): CustomerFields {
  return {
    firstName: customer?.firstName ?? '',
    lastName: customer?.lastName ?? '',
    company: customer?.company ?? '',
    email: customer?.email ?? '',
    resellerId: customer?.reseller?.id ?? null,
    packageId: customer?.package?.id ?? null,
  };
}

type Props = {
  title: string;
  submitLabel: string;
  initial: CustomerFields;
  isAdmin: boolean;
  /** The customer's `changePackage` when editing: refused (during a move), the field says why. */
  packagePermission?: Permission;
  busy: boolean;
  failure: unknown;
  onSubmit: (fields: CustomerFields) => void;
  onClose: () => void;
};

/** The customer form of the seed document: names, company, email, reseller (admins), package. */
export function CustomerFormDialog({
  title,
  submitLabel,
  initial,
  isAdmin,
  packagePermission,
  busy,
  failure,
  onSubmit,
  onClose,
}: Props) {
  const { fields, text, choice } = useFormFields(initial, failure);
  const resellers = useResellerOptions(isAdmin);
  const packages = usePackageOptions();

  return (
    <FormDialog
      title={title}
      submitLabel={submitLabel}
      size="lg"
      busy={busy}
      failure={failure}
      onSubmit={() => onSubmit(fields)}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="First Name" required data-autofocus {...text('firstName')} />
        <TextInput label="Last Name" required {...text('lastName')} />
      </SimpleGrid>
      <TextInput label="Company" {...text('company')} />
      <LoginEmailInput {...text('email')} />
      {isAdmin && (
        <Select
          label="Reseller"
          placeholder="No reseller (assigned to the admin)"
          data={resellers.data ?? []}
          clearable
          searchable
          {...choice('resellerId')}
        />
      )}
      <Select
        label="Package"
        placeholder="No package"
        data={packages.data ?? []}
        clearable
        searchable
        disabled={packagePermission?.allowed === false}
        description={packagePermission?.reason ?? undefined}
        {...choice('packageId')}
      />
    </FormDialog>
  );
}
