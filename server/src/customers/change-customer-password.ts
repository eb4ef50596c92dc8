import { eq } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { visibleCustomer } from '../access/visible-customer.js';
import { record } from '../audit/record.js';
import { claimGuess, type ThrottlePolicy } from '../auth/login-throttle.js';
import { generatePassword } from '../auth/password-generator.js';
import { hashPassword, verifyPassword } from '../auth/password-hash.js';
import { passwordFieldErrors, passwordProblems } from '../auth/password-policy.js';
import { endSessionsOfUser } from '../auth/sessions.js';
import type { Context } from '../context.js';
import { users } from '../db/schema/users.js';
import { tooManyRequests, unprocessable } from '../errors/problem.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { mayChangeCustomerPassword, mayChangePasswordsAtAll } from './customer-policy.js';
import { invalid, lockCustomer } from './customer-rules.js';

/**
 * A taken-over session must not become a way to guess the current password: like login, a few
 * wrong guesses are free, then each doubles the wait (429), per user.
 */
const currentPasswordGuesses: ThrottlePolicy = {
  name: 'current-password',
  freeFailures: 5,
  windowMs: 15 * 60_000,
  maxDelayMs: 15 * 60_000,
};

export interface ChangePasswordInput {
  /** Given: checked against the policy. Absent: one is generated and returned once. */
  password?: string;
  /** Required when the customer changes its own password. */
  currentPassword?: string;
}

/**
 * Sets or generates a customer's password and ends every other session of its user (the
 * caller's own survives when the customer changed its own). A customer must prove its current
 * password (wrong: 422 on `currentPassword`, 429 after repeated wrong guesses); nobody may change it
 * while impersonating (403).
 * Returns the generated password, or null when one was set.
 */
export async function changeCustomerPassword(
  ctx: Context,
  id: string,
  input: ChangePasswordInput,
): Promise<{ password: string | null }> {
  const { actor } = ctx;
  enforce(mayChangePasswordsAtAll(actor));
  const own = actor.kind === 'user' && actor.user.role === 'customer';
  const customer = await visibleCustomer(ctx.db, actor, id);
  enforce(mayChangeCustomerPassword(actor, customer));
  if (own) {
    if (!input.currentPassword) invalid('currentPassword', 'is required to change your own password');
    const attempt = await claimGuess(ctx.db, currentPasswordGuesses, customer.userId, ctx.now());
    if (attempt.waitMs > 0) throw tooManyRequests(Math.ceil(attempt.waitMs / 1000));
    const [user] = await ctx.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, customer.userId));
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw unprocessable('The current password is wrong.', [
        { field: 'currentPassword', message: 'is not your current password' },
      ]);
    }
    await attempt.succeeded();
  }
  const security = await readSecuritySettings(ctx.db);
  const context = { email: customer.email, names: [customer.firstName, customer.lastName, customer.company] };
  if (input.password !== undefined) {
    const problems = passwordProblems(input.password, security.passwordPolicy, context);
    if (problems.length > 0) {
      throw unprocessable(`The password ${problems.join('; ')}.`, passwordFieldErrors(problems));
    }
  }
  const generated = input.password === undefined ? generatePassword(security.passwordPolicy, context) : null;
  const passwordHash = await hashPassword(input.password ?? (generated as string));
  await ctx.db.transaction(async (tx) => {
    const locked = await lockCustomer(tx, actor, id);
    enforce(mayChangeCustomerPassword(actor, locked));
    const now = ctx.now();
    await tx
      .update(users)
      .set({ passwordHash, passwordSetByOperator: !own, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, locked.userId));
    const keep = own && actor.kind === 'user' ? actor.sessionId : null;
    await endSessionsOfUser(tx, locked.userId, keep);
    await record(tx, ctx, {
      action: 'customer.password_changed',
      customerId: id,
      resellerId: locked.resellerId,
      target: { type: 'customer', id },
      details: { generated: generated !== null, byCustomer: own },
    });
  });
  return { password: generated };
}
