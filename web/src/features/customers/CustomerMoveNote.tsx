import { Alert } from '@mantine/core';
import type { Customer } from '../../api/types.js';

const steps: Record<NonNullable<Customer['move']>['step'], string> = {
  'backing-up': 'backing up on the current server',
  provisioning: 'setting up its services on the new server',
  restoring: 'restoring the backup on the new server',
  syncing: 'copying the last changes',
  removing: 'removing it from the old server',
};

/** A move under way, with its step, or the reason the last one failed; nothing otherwise. */
export function CustomerMoveNote({ move }: { move: Customer['move'] }) {
  if (move?.state === 'running')
    return (
      <Alert color="blue" title={`Moving to ${move.toServer.name}`}>
        Now {steps[move.step]}. {move.fromServer.name} serves the customer until the move is done.
      </Alert>
    );
  if (move?.state === 'failed')
    return (
      <Alert color="red" title={`The move to ${move.toServer.name} failed`}>
        {move.error} The customer stays on {move.fromServer.name}.
      </Alert>
    );
  return null;
}
