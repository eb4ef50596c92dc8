import { and, eq, getTableName, sql } from 'drizzle-orm';
import { backupParts } from '../backups/backup-parts.js';
import { backupJobs, backups } from '../backups/backups.table.js';
import { queueBackup } from '../backups/start-backup.js';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import { customers } from '../db/schema/customers.js';
import { notifyReconcilers } from '../hosting/resource-changes.js';
import type { AnyResourceKind } from '../hosting/resource-kind.js';
import { customerMoves, type MoveStep } from './moves.table.js';

export type Move = typeof customerMoves.$inferSelect;

/** The kinds a move carries: not those every server of a role serves (DNS zones), which stay where they are. */
const followingTheCustomer = (kinds: readonly AnyResourceKind[]) => kinds.filter((kind) => !kind.servedBy);

/**
 * The customer now lives on `serverId`: its server's reconciler applies every resource afresh
 * (they count as never applied there), while the server it left keeps serving what it has until
 * it is vacated. Claims the other server held are dropped, so its late outcomes change nothing.
 */
export async function placeOn(
  tx: Queryable,
  kinds: readonly AnyResourceKind[],
  customerId: string,
  serverId: string,
  now: Date,
): Promise<void> {
  await tx.update(customers).set({ serverId, updatedAt: now }).where(eq(customers.id, customerId));
  for (const kind of followingTheCustomer(kinds)) {
    await tx.execute(sql`update ${sql.identifier(getTableName(kind.table))}
      set applied_generation = 0, applied_state = null, provisioning_state = 'pending',
        provisioning_error = null, provisioning_updated_at = ${now}, attempts = 0, retry_at = null,
        claimed_until = null, claimed_by = null
      where customer_id = ${customerId} and removed_at is null`);
  }
  await notifyReconcilers(tx);
}

/** The customer's live resources its server has not applied yet, and the first error among them. */
export async function unapplied(
  db: Queryable,
  kinds: readonly AnyResourceKind[],
  customerId: string,
): Promise<{ count: number; error: string | null }> {
  let count = 0;
  let error: string | null = null;
  for (const kind of followingTheCustomer(kinds)) {
    const rows = await selectRows<{ error: string | null }>(
      db,
      sql`select provisioning_error as "error" from ${sql.identifier(getTableName(kind.table))}
        where customer_id = ${customerId} and removed_at is null
          and (applied_generation <> desired_generation or provisioning_state <> 'ready' or applied_state is null)`,
    );
    count += rows.length;
    error ??= rows.find((row) => row.error)?.error ?? null;
  }
  return { count, error };
}

/** The next job of a move: on the server it names, whichever server the customer lives on now. */
export async function queueMoveJob(
  tx: Queryable,
  ctx: Context,
  move: Move,
  job:
    | { kind: 'backup'; serverId: string }
    | { kind: 'restore'; serverId: string; parts: readonly string[] }
    | { kind: 'vacate'; serverId: string },
): Promise<{ jobId: string; backupId: string | null }> {
  if (job.kind === 'backup') {
    const backup = await queueBackup(tx, ctx, move.customerId, 'before-move', job.serverId);
    const [queued] = await tx
      .select({ id: backupJobs.id })
      .from(backupJobs)
      .where(eq(backupJobs.backupId, backup.id));
    return { jobId: queued?.id as string, backupId: backup.id };
  }
  const [queued] = await tx
    .insert(backupJobs)
    .values({
      customerId: move.customerId,
      kind: job.kind,
      serverId: job.serverId,
      backupId: job.kind === 'restore' ? move.backupId : null,
      parts: job.kind === 'restore' ? [...job.parts] : [],
      createdAt: ctx.now(),
    })
    .returning({ id: backupJobs.id });
  return { jobId: queued?.id as string, backupId: move.backupId };
}

/** Every part a backup holds: what a move restores on the target first. */
export const everyPart = backupParts;
/** What the final sync brings over again: data that may have changed, not the resource list. */
export const dataParts = ['files', 'databases', 'mailboxes'] as const;

/** The move's next step, with the job it waits for. */
export async function nextStep(
  tx: Queryable,
  move: Move,
  step: MoveStep,
  queued: { jobId: string | null; backupId?: string | null },
  now: Date,
): Promise<void> {
  await tx
    .update(customerMoves)
    .set({
      step,
      jobId: queued.jobId,
      ...(queued.backupId ? { backupId: queued.backupId } : {}),
      stepStartedAt: now,
    })
    .where(and(eq(customerMoves.id, move.id), eq(customerMoves.state, 'running')));
}

/** The move's job if it has not started: a failed move drops it (and a backup's row with it). */
export async function dropQueuedJob(tx: Queryable, jobId: string | null): Promise<void> {
  if (!jobId) return;
  const [dropped] = await tx
    .delete(backupJobs)
    .where(and(eq(backupJobs.id, jobId), eq(backupJobs.state, 'queued')))
    .returning({ kind: backupJobs.kind, backupId: backupJobs.backupId });
  if (dropped?.kind === 'backup' && dropped.backupId) {
    await tx.delete(backups).where(eq(backups.id, dropped.backupId));
  }
}
