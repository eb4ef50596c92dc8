import { TextInput } from '@mantine/core';
import { FormDialog } from '../../components/FormDialog.js';
import { LoginEmailInput } from '../../components/LoginEmailInput.js';
import { useFormFields } from '../../components/useFormFields.js';

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
  const { fields, text } = useFormFields(initial, failure);
  return (
    <FormDialog
      title={title}
      submitLabel={submitLabel}
      busy={busy}
      failure={failure}
      onSubmit={() =>
        onSubmit({ name: fields.name.trim(), email: fields.email.trim(), company: fields.company.trim() })
      }
      onClose={onClose}
    >
      <TextInput label="Name" required data-autofocus {...text('name')} />
      <LoginEmailInput {...text('email')} />
      <TextInput label="Company" {...text('company')} />
    </FormDialog>
  );
}
