import { Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { ApiProblem, unwrap } from '../../api/problem.js';
import { FormDialog } from '../../components/FormDialog.js';
import { useApiMutation } from '../../components/useApiMutation.js';

/** The destinations as typed: one per line, or separated by commas or spaces. */
const destinationsOf = (text: string) => text.split(/[\s,;]+/).filter((part) => part !== '');

/** Adds a forwarding address and where its mail goes. */
export function NewMailAliasDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const [address, setAddress] = useState('');
  const [destinations, setDestinations] = useState('');
  const create = useApiMutation({
    run: () =>
      unwrap(
        api.POST('/api/v1/customers/{id}/mail-aliases', {
          params: { path: { id: customerId } },
          body: { address, destinations: destinationsOf(destinations) },
        }),
      ),
    success: (alias) => `Mail alias ${alias.address} added`,
    onDone: onClose,
  });
  const failure = create.error;
  const fields = failure instanceof ApiProblem ? failure.fieldMessages() : {};
  const destinationError = Object.entries(fields).find(([field]) => field.startsWith('destinations'))?.[1];
  const addressError =
    fields.address ??
    (failure instanceof ApiProblem && failure.is('address-taken') ? failure.message : undefined);
  return (
    <FormDialog
      title="Add mail alias"
      submitLabel="Add alias"
      busy={create.isPending}
      failure={addressError || destinationError ? null : failure}
      onSubmit={() => create.mutate(undefined)}
      onClose={onClose}
    >
      <TextInput
        label="Address"
        description="Such as sales@example.com, at one of the customer's websites or DNS zones."
        required
        data-autofocus
        maxLength={320}
        value={address}
        error={addressError}
        onChange={(event) => setAddress(event.currentTarget.value)}
      />
      <Textarea
        label="Forward to"
        description="One address per line; they may be anywhere, inside Keel or outside."
        required
        autosize
        minRows={2}
        value={destinations}
        error={destinationError}
        onChange={(event) => setDestinations(event.currentTarget.value)}
      />
    </FormDialog>
  );
}
