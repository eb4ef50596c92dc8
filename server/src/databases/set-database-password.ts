import type { Context } from '../context.js';
import { setHostedPassword } from '../hosting/hosted-password.js';
import { nativePasswordHash } from '../provisioning/drivers/mariadb/password-hash.js';
import { databaseKind } from './database-kind.js';

/**
 * Sets the database user's password (checked against the policy) or generates one, returned
 * once. Only MariaDB's hash is stored; the reconciler applies it.
 */
export function setDatabasePassword(
  ctx: Context,
  ids: { id: string; databaseId: string },
  input: { password?: string },
): Promise<{ password: string | null }> {
  return setHostedPassword(
    ctx,
    databaseKind,
    { customerId: ids.id, resourceId: ids.databaseId },
    input,
    nativePasswordHash,
  );
}
