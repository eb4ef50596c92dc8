import { and, count, eq } from 'drizzle-orm';
import { visibleCustomer } from '../access/visible-customer.js';
import type { Context } from '../context.js';
import { cursorKeyColumn, finishPage, listOrder, orderByKeys, pageWindow } from '../contract/list-cursor.js';
import type { BackupListQuery } from './backups.schemas.js';
import { backupJobs, backups } from './backups.table.js';

/** A page of the customer's backups, newest first. */
export async function listBackups(ctx: Context, customerId: string, query: BackupListQuery) {
  const customer = await visibleCustomer(ctx.db, ctx.actor, customerId);
  const mine = eq(backups.customerId, customer.id);
  const order = listOrder(
    undefined,
    '-createdAt',
    { createdAt: [{ expression: backups.createdAt }] },
    backups.id,
  );
  const window = pageWindow(order, query);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ row: backups, cursorKey: cursorKeyColumn(order) })
      .from(backups)
      .where(and(mine, window.after))
      .orderBy(...orderByKeys(order))
      .limit(window.limit)
      .offset(window.offset),
    ctx.db.select({ value: count() }).from(backups).where(mine),
  ]);
  const page = finishPage(order, rows, query);
  return { rows: page.rows.map(({ row }) => row), total: total?.value ?? 0, paging: page.paging };
}

/** A page of the customer's backup jobs (what runs, what waits, what failed and why), newest first. */
export async function listBackupJobs(ctx: Context, customerId: string, query: BackupListQuery) {
  const customer = await visibleCustomer(ctx.db, ctx.actor, customerId);
  const mine = eq(backupJobs.customerId, customer.id);
  const order = listOrder(
    undefined,
    '-createdAt',
    { createdAt: [{ expression: backupJobs.createdAt }] },
    backupJobs.id,
  );
  const window = pageWindow(order, query);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ row: backupJobs, cursorKey: cursorKeyColumn(order) })
      .from(backupJobs)
      .where(and(mine, window.after))
      .orderBy(...orderByKeys(order))
      .limit(window.limit)
      .offset(window.offset),
    ctx.db.select({ value: count() }).from(backupJobs).where(mine),
  ]);
  const page = finishPage(order, rows, query);
  return { rows: page.rows.map(({ row }) => row), total: total?.value ?? 0, paging: page.paging };
}
