import type { Context } from '../context.js';
import { notifyReconcilers } from '../hosting/resource-changes.js';

/**
 * Wakes the backup runners once a job is committed: this process's at once, and through the
 * database's change notification every panel's (on a shared PostgreSQL), whose agents' long polls
 * then hand it to the agent of the customer's server without waiting out the poll.
 */
export async function announceBackupJob(ctx: Pick<Context, 'db' | 'signals'>): Promise<void> {
  await notifyReconcilers(ctx.db);
  ctx.signals.emit('backupJobQueued');
}
