import { useState } from 'react';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Database } from '../../api/types.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { useApiMutation } from '../../components/useApiMutation.js';
import { AddResourceDialog } from '../hosting/AddResourceDialog.js';

type Created = { database: Database; password: string };

/** Adds a database and its user; the user's generated password is shown here once, never again. */
export function NewDatabaseDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const [created, setCreated] = useState<Created | null>(null);
  const create = useApiMutation({
    run: (name: string) =>
      unwrap(
        api.POST('/api/v1/customers/{id}/databases', {
          params: { path: { id: customerId } },
          body: { name },
        }),
      ),
    success: ({ database }) => `Database ${database.name} added`,
    onDone: setCreated,
  });
  if (created) {
    return (
      <OneTimeSecretDialog
        title={`Database ${created.database.name} added`}
        login={created.database.user}
        loginLabel="Database user"
        secret={created.password}
        onClose={onClose}
      />
    );
  }
  return (
    <AddResourceDialog
      title="Add database"
      submitLabel="Add database"
      field={{
        name: 'name',
        label: 'Name',
        description:
          "Lower-case letters, digits and _, starting with a letter. Keel puts the customer's prefix before it; the database's user gets the same name.",
        maxLength: 48,
      }}
      taken="database-taken"
      create={create}
      onClose={onClose}
    />
  );
}
