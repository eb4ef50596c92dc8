import { ActionIcon, Menu, Text } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import type { Customer } from '../../api/types.js';
import { type CustomerAction, type CustomerActionHandlers, runAction } from './CustomerRowActions.js';
import { fullName } from './useCustomerActions.js';

type Props = CustomerActionHandlers & { customer: Customer; actions: CustomerAction[] };

/**
 * A customer row's menu of actions, open from its first render: it is loaded when the operator
 * first opens a menu (CustomerRowMenu), so the list's first load does not carry Mantine's Menu.
 * A refused action stays in its place, disabled, with the server's reason under its label.
 */
export function CustomerMenu({ customer, actions, ...handlers }: Props) {
  return (
    <Menu defaultOpened position="bottom-end" shadow="md" width={220} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          size="sm"
          color="gray"
          aria-label={`More actions for ${fullName(customer)}`}
        >
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {actions.map((action) => {
          const permission = customer.permissions[action.permission];
          return (
            <Menu.Item
              key={action.label}
              // Only a destructive action's label is coloured: Mantine's orange and teal text is
              // below 4.5:1 on white.
              color={action.color === 'red' ? 'var(--keel-danger-text)' : undefined}
              leftSection={<action.Icon size={16} aria-hidden />}
              disabled={!permission.allowed}
              onClick={() => runAction(action, handlers)}
            >
              {action.label}
              {!permission.allowed && (
                <Text size="xs" c="dimmed">
                  {permission.reason ?? 'Not allowed'}
                </Text>
              )}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
