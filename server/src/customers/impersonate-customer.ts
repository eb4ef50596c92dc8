import type { UserActor } from '../access/actor.js';
import { enforce, type Verdict } from '../access/policy.js';
import { visibleCustomer } from '../access/visible-customer.js';
import { record } from '../audit/record.js';
import { unsafeLoadUser } from '../auth/acting-user.js';
import { mayImpersonate } from '../auth/impersonation-rules.js';
import { rotateSession } from '../auth/sessions.js';
import type { Context } from '../context.js';
import { forbidden, notFound } from '../errors/problem.js';
import { mayImpersonateAtAll, mayImpersonateCustomer } from './customer-policy.js';

export interface ImpersonateCustomerInput {
  reason?: string | null;
}

/**
 * The problem of a refused start; a refusal for who asks (403) is audited like the access guard's
 * own, since the route's role rule (any role) cannot express it.
 */
async function refusal(ctx: Context, verdict: Verdict & { allowed: false }) {
  const problem = verdict.problem();
  if (ctx.actor.kind === 'user' && problem.status === 403) {
    await record(ctx.db, ctx, {
      action: 'auth.authorization_denied',
      details: { action: 'impersonate customer', reason: verdict.reason },
    });
  }
  return problem;
}

/**
 * "Log in as customer": the caller's session acts as the customer from now on, under a fresh
 * token, until it stops, logs out, idles out, reaches the time limit or loses the right.
 * Admins may impersonate any customer, a reseller only its own (others are a 404).
 * @throws 409 when already impersonating or the customer is soft-deleted; 403 for customers and
 * for API-token callers (impersonation rides a browser session).
 */
export async function impersonateCustomer(ctx: Context, customerId: string, input: ImpersonateCustomerInput) {
  const { actor } = ctx;
  const atAll = mayImpersonateAtAll(actor);
  if (!atAll.allowed) throw await refusal(ctx, atAll);
  // mayImpersonateAtAll admits only a user in a session of its own.
  if (actor.kind !== 'user' || !actor.sessionId) throw forbidden();
  const { sessionId } = actor;
  const real = actor.user;
  const reason = input.reason?.trim() || null;
  return ctx.db.transaction(async (tx) => {
    // Locked: a delete of this customer running now waits, and is then seen on the next request.
    const customer = await visibleCustomer(tx, actor, customerId, { lock: true });
    enforce(mayImpersonateCustomer(actor, customer));
    const target = await unsafeLoadUser(tx, { id: customer.userId });
    if (!target || !mayImpersonate(real, target)) throw notFound('Customer');
    const now = ctx.now();
    const rotated = await rotateSession(
      tx,
      sessionId,
      { actingUserId: target.user.id, impersonationStartedAt: now, impersonationReason: reason },
      now,
    );
    await record(tx, ctx, {
      action: 'impersonation.started',
      customerId: customer.id,
      resellerId: customer.resellerId,
      target: { type: 'customer', id: customer.id },
      details: { reason, customerEmail: target.user.email, customerStatus: customer.status },
    });
    const impersonating: UserActor = { ...actor, user: target.user, impersonator: real };
    return { actor: impersonating, ...rotated };
  });
}
