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

export type CustomerAction = {
  label: string;
  Icon: IconComponent;
  color?: string;
  /** Which of the customer's permissions decides whether the button works. */
  permission: keyof Customer['permissions'];
  dialog?: CustomerDialog;
};

const edit: CustomerAction = { label: 'Edit', Icon: IconEdit, permission: 'edit', dialog: 'edit' };
const password: CustomerAction = {
  label: 'Change Password',
  Icon: IconKey,
  permission: 'changePassword',
  dialog: 'password',
};
const suspend: CustomerAction = {
  label: 'Suspend',
  Icon: IconPlayerPause,
  color: 'orange',
  permission: 'suspend',
  dialog: 'suspend',
};
const activate: CustomerAction = {
  label: 'Activate',
  Icon: IconPlayerPlay,
  color: 'teal',
  permission: 'reactivate',
  dialog: 'activate',
};
const remove: CustomerAction = {
  label: 'Delete',
  Icon: IconTrash,
  color: 'red',
  permission: 'delete',
  dialog: 'delete',
};
const impersonate: CustomerAction = {
  label: 'Log In as Customer',
  Icon: IconLogin2,
  permission: 'impersonate',
};
const restore: CustomerAction = {
  label: 'Restore',
  Icon: IconRestore,
  color: 'teal',
  permission: 'restore',
  dialog: 'restore',
};
const purge: CustomerAction = {
  label: 'Permanently Delete',
  Icon: IconTrashX,
  color: 'red',
  permission: 'purge',
  dialog: 'purge',
};

/** The actions a bulk action repeats take their label, colour and permission from here. */
export const customerActions = { edit, suspend, activate, remove, restore };

// Which actions a customer in each status has, the most common first (the customer list offers
// it one click away, the others in a menu), so rows of one status line up; whether each works is
// the server's permission, never decided here.
export const actionsByStatus: Record<Customer['status'], CustomerAction[]> = {
  active: [impersonate, edit, password, suspend, remove],
  suspended: [impersonate, edit, password, activate, remove],
  deleted: [restore, purge],
};

export type CustomerActionHandlers = {
  onOpen: (dialog: CustomerDialog) => void;
  onImpersonate: () => void;
};

type Props = CustomerActionHandlers & { customer: Customer };

/** Opens the action's dialog, or logs in as the customer (the one action without a dialog). */
export function runAction(action: CustomerAction, { onOpen, onImpersonate }: CustomerActionHandlers) {
  if (action.dialog) onOpen(action.dialog);
  else onImpersonate();
}

/**
 * One labelled icon button per action of the customer's status (the customer page's actions),
 * disabled with the server's reason when its permission is refused (a restore once the purge has
 * started).
 */
export function CustomerRowActions({ customer, ...handlers }: Props) {
  return (
    <Group gap={4} wrap="nowrap">
      {actionsByStatus[customer.status].map((action) => (
        <IconAction
          key={action.label}
          label={action.label}
          Icon={action.Icon}
          color={action.color}
          permission={customer.permissions[action.permission]}
          onClick={() => runAction(action, handlers)}
        />
      ))}
    </Group>
  );
}
