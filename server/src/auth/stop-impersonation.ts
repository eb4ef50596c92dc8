import type { UserActor } from '../access/actor.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { conflict } from '../http/problem.js';
import { rotateSession } from './sessions.js';

/** "Back to Admin": the session acts as the real user again, under a fresh token. */
export async function stopImpersonation(ctx: Context) {
  const { actor } = ctx;
  if (actor.kind !== 'user' || !actor.impersonator || !actor.sessionId) {
    throw conflict('This session is not impersonating anyone.', 'not-impersonating');
  }
  const sessionId = actor.sessionId;
  const realUser = actor.impersonator;
  return ctx.db.transaction(async (tx) => {
    const rotated = await rotateSession(
      tx,
      sessionId,
      { actingUserId: null, impersonationStartedAt: null, impersonationReason: null },
      ctx.now(),
    );
    await record(tx, ctx, {
      action: 'impersonation.stopped',
      customerId: actor.user.customerId,
      target: { type: 'customer', id: actor.user.customerId ?? actor.user.id },
    });
    const back: UserActor = { kind: 'user', user: realUser, impersonator: null, sessionId, apiTokenId: null };
    return { actor: back, ...rotated };
  });
}
