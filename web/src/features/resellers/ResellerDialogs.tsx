import { Text } from '@mantine/core';
import type { Reseller } from '../../api/types.js';
import { DeleteDialog } from '../../components/DeleteDialog.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { ResellerFormDialog } from './ResellerFormDialog.js';
import { useCreateReseller, useDeleteReseller, useUpdateReseller } from './useResellerActions.js';

export function CreateResellerDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateReseller();
  if (create.data) {
    return (
      <OneTimeSecretDialog
        title="Reseller created"
        login={create.data.reseller.email}
        secret={create.data.password}
        onClose={onClose}
      />
    );
  }
  return (
    <ResellerFormDialog
      title="Create Reseller"
      submitLabel="Create"
      initial={{ name: '', email: '', company: '' }}
      busy={create.isPending}
      failure={create.error}
      onSubmit={({ company, ...fields }) => create.mutate(company ? { ...fields, company } : fields)}
      onClose={onClose}
    />
  );
}

export function EditResellerDialog({ reseller, onClose }: { reseller: Reseller; onClose: () => void }) {
  const update = useUpdateReseller(reseller);
  return (
    <ResellerFormDialog
      title="Edit Reseller"
      submitLabel="Save"
      initial={{ name: reseller.name, email: reseller.email, company: reseller.company ?? '' }}
      busy={update.isPending}
      failure={update.error}
      onSubmit={({ company, ...fields }) =>
        update.mutate({ ...fields, company: company || null }, { onSuccess: onClose })
      }
      onClose={onClose}
    />
  );
}

export function DeleteResellerDialog({ reseller, onClose }: { reseller: Reseller; onClose: () => void }) {
  const remove = useDeleteReseller(reseller);
  return (
    <DeleteDialog title={`Delete reseller ${reseller.name}?`} remove={remove} onClose={onClose}>
      <Text size="sm">The reseller can no longer log in. This cannot be undone.</Text>
    </DeleteDialog>
  );
}
