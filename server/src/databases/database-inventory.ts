import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { idsOf, withClaimedState } from '../provisioning/claimed-rows.js';
import type { Claim } from '../provisioning/claims.js';
import type { DatabaseDesired } from '../provisioning/drivers/mariadb/database-driver.js';
import type { ExpectedItems } from '../provisioning/reconciled-kind.js';
import { customerOnServer, type ServerRef } from '../provisioning/server-ref.js';
import { databases } from './databases.table.js';

/** What MariaDB needs of each claimed database: its names and its user's password hash. */
export async function desiredDatabases(db: Database, claims: Claim[]): Promise<DatabaseDesired[]> {
  const rows = await db
    .select({
      id: databases.id,
      name: databases.name,
      user: databases.user,
      passwordHash: databases.passwordHash,
    })
    .from(databases)
    .where(inArray(databases.id, idsOf(claims)));
  return withClaimedState(claims, rows);
}

/** Every applied database and its user are on MariaDB; any other with Keel's prefix is an orphan. */
export async function expectedDatabases(
  db: Database,
  server: ServerRef,
): Promise<Record<string, ExpectedItems>> {
  const rows = await db
    .select({ name: databases.name, user: databases.user, appliedState: databases.appliedState })
    .from(databases)
    .where(customerOnServer(server, sql`${databases.customerId}`));
  const applied = rows.filter((row) => row.appliedState === 'live' || row.appliedState === 'suspended');
  return {
    database: {
      known: new Set(rows.map((row) => row.name)),
      applied: new Set(applied.map((row) => row.name)),
    },
    'database-user': {
      known: new Set(rows.map((row) => row.user)),
      applied: new Set(applied.map((row) => row.user)),
    },
  };
}
