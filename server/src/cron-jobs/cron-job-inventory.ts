import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { idsOf, withClaimedState } from '../provisioning/claimed-rows.js';
import type { Claim } from '../provisioning/claims.js';
import type { CronJobDesired } from '../provisioning/drivers/cron/cron-job-driver.js';
import { cronJobs } from './cron-jobs.table.js';

/** What applying a claimed job needs: its customer and the customer's uid. */
export async function desiredCronJobs(db: Database, claims: Claim[]): Promise<CronJobDesired[]> {
  const rows = await db
    .select({ id: cronJobs.id, customerId: cronJobs.customerId, uid: customers.systemUid })
    .from(cronJobs)
    .innerJoin(customers, eq(customers.id, cronJobs.customerId))
    .where(inArray(cronJobs.id, idsOf(claims)));
  return withClaimedState(claims, rows);
}

/** A job leaves nothing on a service for keel doctor to compare. */
export async function expectedCronJobs(): Promise<Record<string, never>> {
  return {};
}
