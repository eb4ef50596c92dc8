import { List, Text } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { ownedEffects } from '../hosting/owned-counts.js';
import type { Consequence } from './status-consequences.js';

type Props = Consequence & {
  /** One customer, or all those a bulk action changes (their resources counted together). */
  customers: readonly Customer[];
};

/** A status dialog's list of consequences: the account, then each kind the customers own. */
export function OwnedEffects({ customers, account, effect, label }: Props) {
  const lines = ownedEffects(customers, effect);
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
          {customers.length === 1
            ? 'The customer owns no hosting resources.'
            : 'These customers own no hosting resources.'}
        </Text>
      )}
    </>
  );
}
