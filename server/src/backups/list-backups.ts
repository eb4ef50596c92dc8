import { count, desc, eq } from 'drizzle-orm';
import { visibleCustomer } from '../access/visible-customer.js';
import type { Context } from '../context.js';
import type { BackupListQuery } from './backups.schemas.js';
import { backupJobs, backups } from './backups.table.js';

/** A page of the customer's backups, newest first. */
export async function listBackups(ctx: Context, customerId: string, query: BackupListQuery) {
  const customer = await visibleCustomer(ctx.db, ctx.actor, customerId);
  const mine = eq(backups.customerId, customer.id);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(backups)
      .where(mine)
      .orderBy(desc(backups.createdAt), desc(backups.id))
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage),
    ctx.db.select({ value: count() }).from(backups).where(mine),
  ]);
  return { rows, total: total?.value ?? 0 };
}

/** A page of the customer's backup jobs (what runs, what waits, what failed and why), newest first. */
export async function listBackupJobs(ctx: Context, customerId: string, query: BackupListQuery) {
  const customer = await visibleCustomer(ctx.db, ctx.actor, customerId);
  const mine = eq(backupJobs.customerId, customer.id);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(backupJobs)
      .where(mine)
      .orderBy(desc(backupJobs.createdAt), desc(backupJobs.id))
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage),
    ctx.db.select({ value: count() }).from(backupJobs).where(mine),
  ]);
  return { rows, total: total?.value ?? 0 };
}
