import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import type { Customer } from '../../api/types.js';
import { AppModal } from '../../components/AppModal.js';
import { MutationError } from '../../components/MutationError.js';
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
  busy,
  failure,
  onSubmit,
  onClose,
}: Props) {
  const [fields, setFields] = useState(initial);
  const resellers = useResellerOptions(isAdmin);
  const packages = usePackageOptions();
  const invalid = failure instanceof ApiProblem ? failure.fieldMessages() : {};
  const text = (name: 'firstName' | 'lastName' | 'company' | 'email') => ({
    value: fields[name],
    error: invalid[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const { value } = event.currentTarget;
      setFields((current) => ({ ...current, [name]: value }));
    },
  });

  return (
    <AppModal opened onClose={onClose} title={title} size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(fields);
        }}
      >
        <Stack>
          <MutationError failure={failure} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="First Name" required data-autofocus {...text('firstName')} />
            <TextInput label="Last Name" required {...text('lastName')} />
          </SimpleGrid>
          <TextInput label="Company" {...text('company')} />
          <TextInput
            label="Email"
            description="Used as the login address"
            type="email"
            required
            {...text('email')}
          />
          {isAdmin && (
            <Select
              label="Reseller"
              placeholder="No reseller (assigned to the admin)"
              data={resellers.data ?? []}
              value={fields.resellerId}
              onChange={(resellerId) => setFields((current) => ({ ...current, resellerId }))}
              clearable
              searchable
              error={invalid.resellerId}
            />
          )}
          <Select
            label="Package"
            placeholder="No package"
            data={packages.data ?? []}
            value={fields.packageId}
            onChange={(packageId) => setFields((current) => ({ ...current, packageId }))}
            clearable
            searchable
            error={invalid.packageId}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
