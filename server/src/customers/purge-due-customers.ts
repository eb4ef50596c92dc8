import { and, asc, eq, isNotNull, lte, or } from 'drizzle-orm';
import { customerScope } from '../access/scope.js';
import { deleteExpiredKeptRepositories } from '../backups/kept-repositories.js';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { Problem, problemType } from '../errors/problem.js';
import { type PurgeServices, purgeCustomer } from './purge-customer.js';
import { startCustomerPurge } from './start-customer-purge.js';

export interface PurgeSweep {
  purged: { id: string; email: string; name: string }[];
  /** Started, but a step waits (the reconciler is still removing resources). */
  waiting: { id: string; step: string }[];
  failed: { id: string; error: string }[];
  /** Not started: the final backup the platform keeps after a purge failed (why, in `reason`). */
  stopped: { id: string; reason: string }[];
  /** Repositories kept after a purge whose days are over, deleted in this sweep (customer ids). */
  keptRepositoriesDeleted: string[];
}

const finalBackupFailed = problemType('final-backup-failed');

/**
 * One sweep of the purge schedule: starts the purge of every soft-deleted customer whose
 * `purgeAfter` has passed, and carries forward every purge that was started but not finished
 * (after a crash, or while resources were still going), and deletes the repositories kept after
 * a purge once their days are over. The purge scheduler and `keel purge-due` both run this. One
 * customer failing does not stop the others.
 */
export async function purgeDueCustomers(
  ctx: Context,
  services: PurgeServices,
  options: { limit?: number } = {},
): Promise<PurgeSweep> {
  const now = ctx.now();
  const candidates = await ctx.db
    .select({ id: customers.id, purgeStartedAt: customers.purgeStartedAt })
    .from(customers)
    .where(
      and(
        customerScope(ctx.actor),
        eq(customers.status, 'deleted'),
        or(isNotNull(customers.purgeStartedAt), lte(customers.purgeAfter, now)),
      ),
    )
    .orderBy(asc(customers.purgeAfter), asc(customers.id))
    .limit(options.limit ?? 500);
  const sweep: PurgeSweep = {
    purged: [],
    waiting: [],
    failed: [],
    stopped: [],
    keptRepositoriesDeleted: await deleteExpiredKeptRepositories(ctx, services.backupDir),
  };
  for (const candidate of candidates) {
    try {
      if (!candidate.purgeStartedAt) await startCustomerPurge(ctx, candidate.id, { onlyIfDue: true });
      const result = await purgeCustomer(ctx, candidate.id, services);
      if (result.outcome === 'purged') sweep.purged.push(result.customer);
      if (result.outcome === 'waiting') sweep.waiting.push({ id: candidate.id, step: result.step });
    } catch (error) {
      if (error instanceof Problem && error.type === finalBackupFailed) {
        sweep.stopped.push({ id: candidate.id, reason: error.message });
        continue;
      }
      // Restored, or deleted again with a later date, since the candidates were read: not due.
      if (error instanceof Problem && (error.status === 404 || error.status === 409)) continue;
      sweep.failed.push({ id: candidate.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return sweep;
}
