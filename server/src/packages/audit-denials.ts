import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { Problem } from '../errors/problem.js';

/**
 * Runs a package change and, when it is refused as forbidden (a reseller touching the admins'
 * packages, or choosing an owner), audits the refusal after the change's transaction has rolled
 * back, like the access guard does for the roles a route does not admit.
 */
export async function auditingDenials<T>(
  ctx: Context,
  attempt: { action: string; packageId?: string },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Problem && error.status === 403) {
      await record(ctx.db, ctx, {
        action: 'auth.authorization_denied',
        target: attempt.packageId ? { type: 'package', id: attempt.packageId } : null,
        details: { action: attempt.action, reason: error.detail ?? error.title },
      });
    }
    throw error;
  }
}
