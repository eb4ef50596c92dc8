import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';

/** Columns to set when a request changes what a resource should be: the reconciler picks it up. */
export const desiredChange = (now: Date) => ({
  desiredGeneration: sql`desired_generation + 1`,
  provisioningState: 'pending' as const,
  attempts: 0,
  retryAt: null,
  updatedAt: now,
});

export const resourcesChannel = 'keel_resources';

/**
 * A notification's payload: where the change stands among the notifications PostgreSQL delivers to
 * every listening panel in the same order (commit order). Random, and only ever compared for
 * equality: every panel answers an agent's long poll with the last one it heard, so an agent whose
 * polls a load balancer spreads over several panels does not mistake one panel's answer for news
 * on another.
 */
export const newChangePosition = () => randomInt(2 ** 47);

/**
 * Inside the transaction: at commit, PostgreSQL tells every panel process listening on the
 * database (provisioning/database-changes.ts), which wakes its reconcilers and agents' polls.
 */
export async function notifyReconcilers(tx: Queryable): Promise<void> {
  await tx.execute(sql`select pg_notify(${resourcesChannel}, ${String(newChangePosition())})`);
}

/** After commit: wakes this process's reconciler at once. */
export function wakeReconciler(ctx: Context): void {
  ctx.signals.emit('resourcesChanged');
}
