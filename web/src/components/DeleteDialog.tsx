import type { ReactNode } from 'react';
import { ConfirmDialog } from './ConfirmDialog.js';
import { MutationError } from './MutationError.js';

/** A delete through the API, as useApiMutation gives it. */
type Removal = {
  isPending: boolean;
  error: unknown;
  mutate: (variables: undefined, options: { onSuccess: () => void }) => void;
};

type Props = { title: string; remove: Removal; onClose: () => void; children: ReactNode };

/** Asks before deleting; closes once the API has deleted, and otherwise shows why it refused. */
export function DeleteDialog({ title, remove, onClose, children }: Props) {
  return (
    <ConfirmDialog
      title={title}
      confirmLabel="Delete"
      color="red"
      busy={remove.isPending}
      onConfirm={() => remove.mutate(undefined, { onSuccess: onClose })}
      onClose={onClose}
    >
      {children}
      <MutationError failure={remove.error} />
    </ConfirmDialog>
  );
}
