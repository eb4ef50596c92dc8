import { eq } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { changedFields } from '../audit/changes.js';
import { record } from '../audit/record.js';
import { normalizeEmail } from '../auth/acting-user.js';
import { claimingEmail } from '../auth/email-taken.js';
import type { Context } from '../context.js';
import { resellers } from '../db/schema/resellers.js';
import { users } from '../db/schema/users.js';
import { lockReseller } from './lock-reseller.js';
import { mayEditReseller } from './reseller-policy.js';
import { findReseller } from './resellers.queries.js';
import type { UpdateResellerBody } from './resellers.schemas.js';

/** Changes a reseller's name, login email or company; audited with what changed. */
export async function updateReseller(ctx: Context, id: string, input: UpdateResellerBody) {
  // The route admits only admins already; the use case holds to the same rule for any caller.
  enforce(mayEditReseller(ctx.actor));
  const wanted = {
    ...(input.name === undefined ? {} : { name: input.name.trim() }),
    ...(input.email === undefined ? {} : { email: normalizeEmail(input.email) }),
    ...(input.company === undefined ? {} : { company: input.company?.trim() || null }),
  };
  return claimingEmail(wanted.email ?? '', () =>
    ctx.db.transaction(async (tx) => {
      const before = await lockReseller(tx, id);
      const changes = changedFields(before, wanted);
      if (Object.keys(changes).length === 0) return findReseller(tx, ctx.actor, id);
      const now = ctx.now();
      if ('name' in changes || 'email' in changes) {
        await tx
          .update(users)
          .set({ name: wanted.name, email: wanted.email, updatedAt: now })
          .where(eq(users.id, before.userId));
      }
      await tx.update(resellers).set({ company: wanted.company, updatedAt: now }).where(eq(resellers.id, id));
      await record(tx, ctx, {
        action: 'reseller.updated',
        resellerId: id,
        target: { type: 'reseller', id },
        details: { changes },
      });
      return findReseller(tx, ctx.actor, id);
    }),
  );
}
