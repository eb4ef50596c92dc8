import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { endSession } from './sessions.js';

/** Ends the session on the server; an impersonation riding it ends with it. */
export async function logOut(ctx: Context): Promise<void> {
  const { actor } = ctx;
  if (actor.kind !== 'user' || !actor.sessionId) return;
  const sessionId = actor.sessionId;
  await ctx.db.transaction(async (tx) => {
    await endSession(tx, sessionId);
    await record(tx, ctx, {
      action: 'auth.logout',
      customerId: actor.user.customerId,
      target: { type: 'user', id: (actor.impersonator ?? actor.user).id },
      details: actor.impersonator ? { endedImpersonationOf: actor.user.email } : {},
    });
  });
}
