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

/** Inside the transaction: tells reconcilers in other processes (PostgreSQL LISTEN) at commit. */
export async function notifyReconcilers(tx: Queryable): Promise<void> {
  await tx.execute(sql`select pg_notify(${resourcesChannel}, '')`);
}

/** After commit: wakes this process's reconciler at once. */
export function wakeReconciler(ctx: Context): void {
  ctx.signals.emit('resourcesChanged');
}
