import { and, eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { visibleCustomer } from '../access/visible-customer.js';
import { isUuid } from '../contract/ids.js';
import type { Queryable } from '../db/database.js';
import { notFound } from '../errors/problem.js';
import { backups } from './backups.table.js';

/** A backup of a customer the actor may see; 404 otherwise. */
export async function visibleBackup(
  db: Queryable,
  actor: Actor,
  ids: { customerId: string; backupId: string },
) {
  const customer = await visibleCustomer(db, actor, ids.customerId);
  if (!isUuid(ids.backupId)) throw notFound('Backup');
  const [backup] = await db
    .select()
    .from(backups)
    .where(and(eq(backups.id, ids.backupId), eq(backups.customerId, customer.id)));
  if (!backup) throw notFound('Backup');
  return backup;
}
