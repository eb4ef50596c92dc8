import type { UserActor } from '../access/actor.js';
import { visibleCustomer } from '../access/visible-customer.js';
import { record } from '../audit/record.js';
import { unsafeLoadUser } from '../auth/acting-user.js';
import { mayImpersonate } from '../auth/impersonation-rules.js';
import { rotateSession } from '../auth/sessions.js';
import type { Context } from '../context.js';
import { conflict, forbidden, notFound } from '../errors/problem.js';

export interface ImpersonateCustomerInput {
  reason?: string | null;
}

/** A refusal the route's role rule could not express, audited like the guard's own. */
async function refuse(ctx: Context, reason: string, detail: string) {
  await record(ctx.db, ctx, {
    action: 'auth.authorization_denied',
    details: { action: 'impersonate customer', reason },
  });
  return forbidden(detail);
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
  if (actor.kind !== 'user') throw forbidden('Only a signed-in user can impersonate a customer.');
  if (actor.impersonator) {
    throw conflict(
      'This session already impersonates a customer; go back to your own account first.',
      'already-impersonating',
    );
  }
  const real = actor.user;
  if (real.role === 'customer') {
    throw await refuse(ctx, 'role not allowed', 'Only admins and resellers can impersonate customers.');
  }
  const sessionId = actor.sessionId;
  if (!sessionId) {
    throw await refuse(
      ctx,
      'no session',
      'Impersonation needs a signed-in browser session, not an API token.',
    );
  }
  const reason = input.reason?.trim() || null;
  return ctx.db.transaction(async (tx) => {
    // Locked: a delete of this customer running now waits, and is then seen on the next request.
    const customer = await visibleCustomer(tx, actor, customerId, { lock: true });
    if (customer.status === 'deleted') {
      throw conflict('A soft-deleted customer cannot be impersonated; restore it first.', 'customer-deleted');
    }
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
