import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { idsOf, withClaimedState } from '../provisioning/claimed-rows.js';
import type { Claim } from '../provisioning/claims.js';
import type { FtpAccountDesired } from '../provisioning/drivers/pureftpd/account-driver.js';
import type { ExpectedItems } from '../provisioning/reconciled-kind.js';
import { customerOnServer, type ServerRef } from '../provisioning/server-ref.js';
import { ftpAccounts } from './ftp-accounts.table.js';

/** What pure-ftpd needs of each claimed account: its login, hash, directory and its customer's uid. */
export async function desiredFtpAccounts(db: Database, claims: Claim[]): Promise<FtpAccountDesired[]> {
  const rows = await db
    .select({
      id: ftpAccounts.id,
      customerId: ftpAccounts.customerId,
      user: ftpAccounts.user,
      passwordHash: ftpAccounts.passwordHash,
      directory: ftpAccounts.directory,
      uid: customers.systemUid,
    })
    .from(ftpAccounts)
    .innerJoin(customers, eq(customers.id, ftpAccounts.customerId))
    .where(inArray(ftpAccounts.id, idsOf(claims)));
  return withClaimedState(claims, rows);
}

/** A live account is in pure-ftpd's users file; any other login there is an orphan. */
export async function expectedFtpAccounts(
  db: Database,
  server: ServerRef,
): Promise<Record<string, ExpectedItems>> {
  const rows = await db
    .select({ user: ftpAccounts.user, appliedState: ftpAccounts.appliedState })
    .from(ftpAccounts)
    .where(customerOnServer(server, sql`${ftpAccounts.customerId}`));
  return {
    'ftp-account': {
      known: new Set(rows.map((row) => row.user)),
      applied: new Set(rows.filter((row) => row.appliedState === 'live').map((row) => row.user)),
    },
  };
}
