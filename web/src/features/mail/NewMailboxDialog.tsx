import { useState } from 'react';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Mailbox } from '../../api/types.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { useApiMutation } from '../../components/useApiMutation.js';
import { AddResourceDialog } from '../hosting/AddResourceDialog.js';

type Created = { mailbox: Mailbox; password: string };

/** Adds a mailbox; its generated password is shown here once, with a Copy button, never again. */
export function NewMailboxDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const [created, setCreated] = useState<Created | null>(null);
  const create = useApiMutation({
    run: (address: string) =>
      unwrap(
        api.POST('/api/v1/customers/{id}/mailboxes', {
          params: { path: { id: customerId } },
          body: { address },
        }),
      ),
    success: ({ mailbox }) => `Mailbox ${mailbox.address} added`,
    onDone: setCreated,
  });
  if (created) {
    return (
      <OneTimeSecretDialog
        title={`Mailbox ${created.mailbox.address} added`}
        login={created.mailbox.address}
        loginLabel="Mailbox"
        secret={created.password}
        onClose={onClose}
      />
    );
  }
  return (
    <AddResourceDialog
      title="Add mailbox"
      submitLabel="Add mailbox"
      field={{
        name: 'address',
        label: 'Address',
        description:
          "Such as info@example.com. The domain must be one of the customer's websites or DNS zones. It holds 1024 MB until you change its quota.",
        maxLength: 320,
      }}
      taken="address-taken"
      create={create}
      onClose={onClose}
    />
  );
}
