import { Alert, Button, Group, List, Loader, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { describeFailure } from '../../api/problem.js';
import type { Customer, MoveTarget } from '../../api/types.js';
import { AppModal } from '../../components/AppModal.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { useMoveTargets } from './queries.js';
import { fullName, useMoveCustomer } from './useCustomerActions.js';

/** The servers that cannot take the customer now, each with the server's reason. */
function Unavailable({ targets }: { targets: MoveTarget[] }) {
  if (targets.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Not available
      </Text>
      <List size="sm" aria-label="Servers not available">
        {targets.map((target) => (
          <List.Item key={target.id}>
            {target.name}: {target.reason}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** Nothing to choose: says why, with no button that could only be refused. */
function NoTarget({
  customer,
  targets,
  onClose,
}: {
  customer: Customer;
  targets: MoveTarget[];
  onClose: () => void;
}) {
  return (
    <AppModal opened onClose={onClose} title={`Move ${fullName(customer)} to another server`}>
      <Stack>
        <Alert color="yellow" title="No server can take this customer now">
          {targets.length === 0
            ? 'There is no other server.'
            : 'Add a server with the roles it needs, or start the agent of one that is offline.'}
        </Alert>
        <Unavailable targets={targets} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Close
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

/**
 * Moving a customer to another server (admins): the server's list of targets, judged by the
 * move's own rule, offers only those that can take it; confirmed, the move runs in the background.
 */
export function MoveCustomerDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const targets = useMoveTargets(customer.id);
  const [serverId, setServerId] = useState<string | null>(null);
  const move = useMoveCustomer(customer);
  if (targets.isPending)
    return (
      <AppModal opened onClose={onClose} title={`Move ${fullName(customer)} to another server`}>
        <Loader size="sm" aria-label="Loading servers" />
      </AppModal>
    );
  if (targets.isError)
    return (
      <AppModal opened onClose={onClose} title={`Move ${fullName(customer)} to another server`}>
        <Alert color="red" title="Could not load the servers">
          {describeFailure(targets.error)}
        </Alert>
      </AppModal>
    );
  const all = targets.data.items;
  const eligible = all.filter((target) => target.eligible);
  if (eligible.length === 0) return <NoTarget customer={customer} targets={all} onClose={onClose} />;
  return (
    <ConfirmDialog
      title={`Move ${fullName(customer)} to another server?`}
      confirmLabel="Move"
      busy={move.isPending}
      canConfirm={serverId !== null}
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
        placeholder="Choose a server"
        data={eligible.map((target) => ({
          value: target.id,
          label: `${target.name} (${target.roles.join(', ')})`,
        }))}
        value={serverId}
        onChange={setServerId}
        required
      />
      <Unavailable targets={all.filter((target) => !target.eligible)} />
      <MutationError failure={move.error} />
    </ConfirmDialog>
  );
}
