import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Database, Permission } from '../../api/types.js';
import { ChangePasswordAction } from '../hosting/ChangePasswordAction.js';

/** "Change Password" of the database's user. */
type Props = { resource: Database; customerId: string; permission: Permission };

export function DatabaseActions({ resource, customerId, permission }: Props) {
  return (
    <ChangePasswordAction
      permission={permission}
      name={resource.name}
      login={resource.user}
      loginLabel="Database user"
      consequence="Programs that connect with the old one are refused from then on."
      generate={() =>
        unwrap(
          api.POST('/api/v1/customers/{id}/databases/{databaseId}/password', {
            params: { path: { id: customerId, databaseId: resource.id } },
            body: {},
          }),
        )
      }
    />
  );
}
