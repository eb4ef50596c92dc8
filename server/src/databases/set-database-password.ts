import type { Context } from '../context.js';
import { setResourcePassword } from '../hosting/set-resource-password.js';
import { nativePasswordHash } from '../provisioning/drivers/mariadb/password-hash.js';
import { databaseKind } from './database-kind.js';

/** Sets or generates the database user's password; only MariaDB's own hash is stored. */
export function setDatabasePassword(
  ctx: Context,
  ids: { id: string; databaseId: string },
  input: { password?: string },
): Promise<{ password: string | null }> {
  return setResourcePassword(
    ctx,
    databaseKind,
    { customerId: ids.id, resourceId: ids.databaseId },
    input,
    nativePasswordHash,
  );
}
