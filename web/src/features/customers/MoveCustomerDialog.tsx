import { Select, Text } from '@mantine/core';
import { useState } from 'react';
import type { Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { useServers } from '../servers/useServers.js';
import { fullName, useMoveCustomer } from './useCustomerActions.js';

/** Moving a customer to another online server (admins): confirmed, then run in the background. */
export function MoveCustomerDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const servers = useServers();
  const [serverId, setServerId] = useState<string | null>(null);
  const move = useMoveCustomer(customer);
  const choices = (servers.data?.items ?? [])
    .filter((server) => server.status === 'online' && server.id !== customer.server.id)
    .map((server) => ({ value: server.id, label: `${server.name} (${server.roles.join(', ')})` }));
  return (
    <ConfirmDialog
      title={`Move ${fullName(customer)} to another server?`}
      confirmLabel="Move"
      busy={move.isPending}
      onConfirm={() => serverId && move.mutate(serverId, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Text size="sm">
        Its websites, databases, mail, FTP accounts and files are backed up on {customer.server.name},
        restored on the new server, and then removed from {customer.server.name}, which serves the customer
        until the move is done. Its DNS zones stay where they are: every DNS server serves them. Point its
        domains' records at the new server afterwards.
      </Text>
      <Select
        label="Server"
        placeholder={choices.length === 0 ? 'No other server is online' : 'Choose a server'}
        data={choices}
        value={serverId}
        onChange={setServerId}
        required
      />
      <MutationError failure={move.error} />
    </ConfirmDialog>
  );
}
