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
  /** Which of the customer's permissions decides whether the button works. */
  permission: keyof Customer['permissions'];
  dialog?: CustomerDialog;
};

const edit: Action = { label: 'Edit', Icon: IconEdit, permission: 'edit', dialog: 'edit' };
const password: Action = {
  label: 'Change Password',
  Icon: IconKey,
  permission: 'changePassword',
  dialog: 'password',
};
const suspend: Action = {
  label: 'Suspend',
  Icon: IconPlayerPause,
  color: 'orange',
  permission: 'suspend',
  dialog: 'suspend',
};
const activate: Action = {
  label: 'Activate',
  Icon: IconPlayerPlay,
  color: 'teal',
  permission: 'reactivate',
  dialog: 'activate',
};
const remove: Action = {
  label: 'Delete',
  Icon: IconTrash,
  color: 'red',
  permission: 'delete',
  dialog: 'delete',
};
const impersonate: Action = { label: 'Log In as Customer', Icon: IconLogin2, permission: 'impersonate' };
const restore: Action = {
  label: 'Restore',
  Icon: IconRestore,
  color: 'teal',
  permission: 'restore',
  dialog: 'restore',
};
const purge: Action = {
  label: 'Permanently Delete',
  Icon: IconTrashX,
  color: 'red',
  permission: 'purge',
  dialog: 'purge',
};

// Which buttons a row in each status has, so rows of one status line up; whether each works is
// the server's permission, never decided here.
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

/**
 * The action column: one labelled icon button per action of the customer's status, disabled with
 * the server's reason when its permission is refused (a restore once the purge has started).
 */
export function CustomerRowActions({ customer, onOpen, onImpersonate }: Props) {
  return (
    <Group gap={4} wrap="nowrap">
      {actionsByStatus[customer.status].map(({ label, Icon, color, permission, dialog }) => (
        <IconAction
          key={label}
          label={label}
          Icon={Icon}
          color={color}
          permission={customer.permissions[permission]}
          onClick={() => (dialog ? onOpen(dialog) : onImpersonate())}
        />
      ))}
    </Group>
  );
}
