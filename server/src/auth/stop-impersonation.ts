import { eq } from 'drizzle-orm';
import type { UserActor } from '../access/actor.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { sessions } from '../db/schema/sessions.js';
import { conflict } from '../errors/problem.js';
import { rotateSession } from './sessions.js';

/** "Back to Admin": the session acts as the real user again, under a fresh token. */
export async function stopImpersonation(ctx: Context) {
  const { actor } = ctx;
  if (actor.kind !== 'user' || !actor.impersonator || !actor.sessionId) {
    throw conflict('This session is not impersonating anyone.', 'not-impersonating');
  }
  const sessionId = actor.sessionId;
  const realUser = actor.impersonator;
  const customerId = actor.user.customerId;
  return ctx.db.transaction(async (tx) => {
    // The stop is audited with the reason given at the start, and lands in the log of the
    // customer's reseller like the start did.
    const [started] = await tx
      .select({ reason: sessions.impersonationReason })
      .from(sessions)
      .where(eq(sessions.id, sessionId))
      .for('update');
    const [customer] = customerId
      ? await tx
          .select({ resellerId: customers.resellerId })
          .from(customers)
          .where(eq(customers.id, customerId))
      : [];
    const rotated = await rotateSession(
      tx,
      sessionId,
      { actingUserId: null, impersonationStartedAt: null, impersonationReason: null },
      ctx.now(),
    );
    await record(tx, ctx, {
      action: 'impersonation.stopped',
      customerId,
      resellerId: customer?.resellerId ?? null,
      target: { type: 'customer', id: customerId ?? actor.user.id },
      details: { reason: started?.reason ?? null },
    });
    const back: UserActor = { kind: 'user', user: realUser, impersonator: null, sessionId, apiTokenId: null };
    return { actor: back, ...rotated };
  });
}
