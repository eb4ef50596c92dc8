import { Group } from '@mantine/core';
import {
  IconEdit,
  IconKey,
  IconLogin2,
  IconPlayerPause,
  IconPlayerPlay,
  IconRestore,
  IconTrash,
  IconTrashX,
} from '@tabler/icons-react';
import type { Customer } from '../../api/types.js';
import { IconAction, type IconComponent } from '../../components/IconAction.js';

export type CustomerDialog = 'edit' | 'password' | 'suspend' | 'activate' | 'delete' | 'restore' | 'purge';

type Action = {
  label: string;
  Icon: IconComponent;
  color?: string;
  dialog?: CustomerDialog;
};

const edit: Action = { label: 'Edit', Icon: IconEdit, dialog: 'edit' };
const password: Action = { label: 'Change password', Icon: IconKey, dialog: 'password' };
const suspend: Action = { label: 'Suspend', Icon: IconPlayerPause, color: 'orange', dialog: 'suspend' };
const activate: Action = { label: 'Activate', Icon: IconPlayerPlay, color: 'teal', dialog: 'activate' };
const remove: Action = { label: 'Delete', Icon: IconTrash, color: 'red', dialog: 'delete' };
const impersonate: Action = { label: 'Log in as customer', Icon: IconLogin2 };
const restore: Action = { label: 'Restore', Icon: IconRestore, color: 'teal', dialog: 'restore' };
const purge: Action = { label: 'Permanently delete', Icon: IconTrashX, color: 'red', dialog: 'purge' };

const actionsByStatus: Record<Customer['status'], Action[]> = {
  active: [edit, password, suspend, impersonate, remove],
  suspended: [edit, password, activate, impersonate, remove],
  deleted: [restore, purge],
};

type Props = {
  customer: Customer;
  onOpen: (dialog: CustomerDialog) => void;
  onImpersonate: () => void;
};

/** The action column: one labelled icon button per action the customer's status allows. */
export function CustomerRowActions({ customer, onOpen, onImpersonate }: Props) {
  return (
    <Group gap={4} wrap="nowrap">
      {actionsByStatus[customer.status].map(({ label, Icon, color, dialog }) => (
        <IconAction
          key={label}
          label={label}
          Icon={Icon}
          color={color}
          onClick={() => (dialog ? onOpen(dialog) : onImpersonate())}
        />
      ))}
    </Group>
  );
}
