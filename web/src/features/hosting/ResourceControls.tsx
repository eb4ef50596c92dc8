import { Group, Switch, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { describeFailure } from '../../api/problem.js';
import type { Permission } from '../../api/types.js';
import { DeleteDialog } from '../../components/DeleteDialog.js';
import { IconAction } from '../../components/IconAction.js';
import { toast } from '../../components/toast.js';
import type { AnyHostingKind, HostedResource } from './hosting-kind.js';
import { useDeleteResource, useSwitchResource } from './useResourceChanges.js';

type Props = { kind: AnyHostingKind; customerId: string; resource: HostedResource };
/** With the customer's `changeResources`: refused (a deleted customer), the controls say why. */
type ControlProps = Props & { permission: Permission };

/**
 * The customer's own switch of a resource. It shows the asked-for position while the change is
 * on its way, and springs back with the server's reason when refused.
 */
export function EnabledSwitch({ kind, customerId, resource, permission }: ControlProps) {
  const change = useSwitchResource(kind, customerId, resource);
  const checked = change.isPending ? Boolean(change.variables) : resource.enabled;
  return (
    <Switch
      aria-label={`Enabled: ${kind.nameOf(resource)}`}
      checked={checked}
      disabled={change.isPending || !permission.allowed}
      title={permission.allowed ? undefined : (permission.reason ?? undefined)}
      onChange={(event) =>
        change.mutate(event.currentTarget.checked, {
          onError: (failure) => toast(describeFailure(failure), 'failure'),
        })
      }
    />
  );
}

function DeleteResourceDialog({ kind, customerId, resource, onClose }: Props & { onClose: () => void }) {
  const remove = useDeleteResource(kind, customerId, resource);
  return (
    <DeleteDialog title={`Delete ${kind.nameOf(resource)}?`} remove={remove} onClose={onClose}>
      <Text size="sm">{kind.removal(resource)}</Text>
    </DeleteDialog>
  );
}

/** The kind's own row actions, then Delete, which every kind has. */
export function ResourceActions({ kind, customerId, resource, permission }: ControlProps) {
  const [deleting, setDeleting] = useState(false);
  const { RowActions } = kind;
  return (
    <Group gap={4} wrap="nowrap">
      {RowActions && <RowActions resource={resource} customerId={customerId} permission={permission} />}
      <IconAction
        label={`Delete ${kind.nameOf(resource)}`}
        Icon={IconTrash}
        color="red"
        permission={permission}
        onClick={() => setDeleting(true)}
      />
      {deleting && (
        <DeleteResourceDialog
          kind={kind}
          customerId={customerId}
          resource={resource}
          onClose={() => setDeleting(false)}
        />
      )}
    </Group>
  );
}
