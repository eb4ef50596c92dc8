import { NumberInput, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import type { HostingPackage, PackageLimits } from '../../api/types.js';
import { DeleteDialog } from '../../components/DeleteDialog.js';
import { FormDialog } from '../../components/FormDialog.js';
import { useSignedInSession } from '../auth/session.js';
import { ServerGroupInput } from '../servers/ServerGroupInput.js';
import { limitLabels, limitNames, unlimited } from './limits.js';
import {
  type PackageFields,
  useCreatePackage,
  useDeletePackage,
  useUpdatePackage,
} from './usePackageActions.js';

type FormProps = {
  title: string;
  initial: HostingPackage | null;
  busy: boolean;
  failure: unknown;
  onSubmit: (fields: PackageFields) => void;
  onClose: () => void;
};

/** A package's name and limits, an empty limit meaning unlimited; for admins, its server group too. */
function PackageFormDialog({ title, initial, busy, failure, onSubmit, onClose }: FormProps) {
  const isAdmin = useSignedInSession().user.role === 'admin';
  const [name, setName] = useState(initial?.name ?? '');
  const [limits, setLimits] = useState<PackageLimits>(initial?.limits ?? unlimited());
  const [serverGroup, setServerGroup] = useState(initial?.serverGroup ?? '');
  const invalid = failure instanceof ApiProblem ? failure.fieldMessages() : {};
  const fields = (): PackageFields => ({
    name: name.trim(),
    limits,
    ...(isAdmin && { serverGroup: serverGroup.trim() || null }),
  });
  return (
    <FormDialog
      title={title}
      submitLabel={initial ? 'Save' : 'Create'}
      size="lg"
      busy={busy}
      failure={failure}
      onSubmit={() => onSubmit(fields())}
      onClose={onClose}
    >
      <TextInput
        label="Name"
        required
        data-autofocus
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      {isAdmin && (
        <ServerGroupInput
          label="Server group"
          description="Optional: new customers on this package are placed only on online servers of this group."
          placeholder="Any server"
          value={serverGroup}
          error={invalid.serverGroup}
          onChange={setServerGroup}
        />
      )}
      <Text size="sm" c="dimmed">
        Leave a limit empty for unlimited.
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }}>
        {limitNames.map((limit) => (
          <NumberInput
            key={limit}
            label={limitLabels[limit]}
            placeholder="Unlimited"
            min={0}
            allowDecimal={false}
            value={limits[limit] ?? ''}
            onChange={(raw) =>
              setLimits((current) => ({ ...current, [limit]: typeof raw === 'number' ? raw : null }))
            }
          />
        ))}
      </SimpleGrid>
    </FormDialog>
  );
}

export function CreatePackageDialog({ onClose }: { onClose: () => void }) {
  const create = useCreatePackage();
  return (
    <PackageFormDialog
      title="Create Package"
      initial={null}
      busy={create.isPending}
      failure={create.error}
      onSubmit={(fields) => create.mutate(fields, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}

export function EditPackageDialog({
  hostingPackage,
  onClose,
}: {
  hostingPackage: HostingPackage;
  onClose: () => void;
}) {
  const update = useUpdatePackage(hostingPackage);
  return (
    <PackageFormDialog
      title="Edit Package"
      initial={hostingPackage}
      busy={update.isPending}
      failure={update.error}
      onSubmit={(fields) => update.mutate(fields, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}

export function DeletePackageDialog({
  hostingPackage,
  onClose,
}: {
  hostingPackage: HostingPackage;
  onClose: () => void;
}) {
  const remove = useDeletePackage(hostingPackage);
  return (
    <DeleteDialog title={`Delete package ${hostingPackage.name}?`} remove={remove} onClose={onClose}>
      <Text size="sm">Customers keep their resources; the package can no longer be assigned.</Text>
    </DeleteDialog>
  );
}
