import { List, Text } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import type { AnyHostingKind } from '../hosting/hosting-kind.js';
import { ownedEffects } from '../hosting/owned-counts.js';

type Props = {
  customer: Customer;
  /** The account's own line first: what happens to logins, sessions and tokens. */
  account: string;
  effect: (kind: AnyHostingKind) => string;
  /** Said when the customer owns no resources at all. */
  label: string;
};

/** A status dialog's list of consequences: the account, then each kind the customer owns. */
export function OwnedEffects({ customer, account, effect, label }: Props) {
  const lines = ownedEffects(customer, effect);
  return (
    <>
      <List size="sm" aria-label={label}>
        <List.Item>{account}</List.Item>
        {lines.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      {lines.length === 0 && (
        <Text size="sm" c="dimmed">
          The customer owns no hosting resources.
        </Text>
      )}
    </>
  );
}
