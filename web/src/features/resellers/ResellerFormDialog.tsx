import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import { AppModal } from '../../components/AppModal.js';
import { MutationError } from '../../components/MutationError.js';

export type ResellerFields = { name: string; email: string; company: string };

type Props = {
  title: string;
  submitLabel: string;
  initial: ResellerFields;
  busy: boolean;
  failure: unknown;
  onSubmit: (fields: ResellerFields) => void;
  onClose: () => void;
};

export function ResellerFormDialog({ title, submitLabel, initial, busy, failure, onSubmit, onClose }: Props) {
  const [fields, setFields] = useState(initial);
  const invalid = failure instanceof ApiProblem ? failure.fieldMessages() : {};
  const text = (name: keyof ResellerFields) => ({
    value: fields[name],
    error: invalid[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const { value } = event.currentTarget;
      setFields((current) => ({ ...current, [name]: value }));
    },
  });
  return (
    <AppModal opened onClose={onClose} title={title}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit({ name: fields.name.trim(), email: fields.email.trim(), company: fields.company.trim() });
        }}
      >
        <Stack>
          <MutationError failure={failure} />
          <TextInput label="Name" required data-autofocus {...text('name')} />
          <TextInput
            label="Email"
            description="Used as the login address"
            type="email"
            required
            {...text('email')}
          />
          <TextInput label="Company" {...text('company')} />
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
