import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import { FormDialog } from '../../components/FormDialog.js';

type Field = {
  name: 'domain' | 'name' | 'address';
  label: string;
  description: string;
  maxLength: number;
};

type Props = {
  title: string;
  submitLabel: string;
  field: Field;
  /** The 409 that means another resource has the value ("domain-taken"): the field's fault too. */
  taken: string;
  create: { isPending: boolean; error: unknown; mutate: (value: string) => void };
  onClose: () => void;
};

/** Where the API's refusal belongs: on the field when it is about the value, else above the form. */
function placeFailure(failure: unknown, field: Field['name'], taken: string) {
  if (!(failure instanceof ApiProblem)) return { onField: undefined, above: failure };
  const onField = failure.fieldMessages()[field] ?? (failure.is(taken) ? failure.message : undefined);
  const elsewhere = failure.errors.some((error) => !error.field.endsWith(field));
  return { onField, above: onField && !elsewhere ? null : failure };
}

/** Adds a resource by the one value it is created with: a website's domain, a database's name, a mailbox's address. */
export function AddResourceDialog({ title, submitLabel, field, taken, create, onClose }: Props) {
  const [value, setValue] = useState('');
  const { onField, above } = placeFailure(create.error, field.name, taken);
  return (
    <FormDialog
      title={title}
      submitLabel={submitLabel}
      busy={create.isPending}
      failure={above}
      onSubmit={() => create.mutate(value)}
      onClose={onClose}
    >
      <TextInput
        label={field.label}
        description={field.description}
        required
        data-autofocus
        maxLength={field.maxLength}
        value={value}
        error={onField}
        onChange={(event) => setValue(event.currentTarget.value)}
      />
    </FormDialog>
  );
}
