import { Button, Group, type ModalProps, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { AppModal } from './AppModal.js';
import { MutationError } from './MutationError.js';

type Props = {
  title: string;
  submitLabel: string;
  size?: ModalProps['size'];
  busy: boolean;
  failure: unknown;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
};

/** A form in a dialog: the API's refusal above the fields, Cancel and the submit button below. */
export function FormDialog({ title, submitLabel, size, busy, failure, onSubmit, onClose, children }: Props) {
  return (
    <AppModal opened onClose={onClose} title={title} size={size}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <Stack>
          <MutationError failure={failure} />
          {children}
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
