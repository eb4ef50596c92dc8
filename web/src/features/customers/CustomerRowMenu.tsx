import { ActionIcon, Group } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import type { Customer } from '../../api/types.js';
import { IconAction } from '../../components/IconAction.js';
import { actionsByStatus, type CustomerActionHandlers, runAction } from './CustomerRowActions.js';
import { fullName } from './useCustomerActions.js';

// Mantine's Menu (Popover, focus trap, transitions) would add about 14 KB to the list's first
// load; it loads when the operator first opens a row's menu.
const CustomerMenu = lazy(() => import('./CustomerMenu.js').then((m) => ({ default: m.CustomerMenu })));

type Props = CustomerActionHandlers & { customer: Customer };

/**
 * A list row's actions in two Tab stops: the status's common action (Log In as Customer, or
 * Restore for a deleted customer) as a button, the others in a menu named after the customer.
 */
export function CustomerRowMenu({ customer, ...handlers }: Props) {
  const [common, ...others] = actionsByStatus[customer.status];
  const [menuLoaded, setMenuLoaded] = useState(false);
  if (!common) return null;
  const trigger = (
    <ActionIcon
      variant="subtle"
      size="sm"
      color="gray"
      aria-label={`More actions for ${fullName(customer)}`}
      aria-haspopup="menu"
      onClick={() => setMenuLoaded(true)}
    >
      <IconDots size={18} aria-hidden />
    </ActionIcon>
  );
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <IconAction
        label={common.label}
        Icon={common.Icon}
        color={common.color}
        permission={customer.permissions[common.permission]}
        size="sm"
        onClick={() => runAction(common, handlers)}
      />
      {menuLoaded ? (
        <Suspense fallback={trigger}>
          <CustomerMenu customer={customer} actions={others} {...handlers} />
        </Suspense>
      ) : (
        trigger
      )}
    </Group>
  );
}
