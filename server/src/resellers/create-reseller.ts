import { record } from '../audit/record.js';
import { normalizeEmail } from '../auth/acting-user.js';
import { claimingEmail } from '../auth/email-taken.js';
import { generateFirstPassword, insertLoginUser } from '../auth/new-login.js';
import type { Context } from '../context.js';
import { resellers } from '../db/schema/resellers.js';
import { findReseller } from './resellers.queries.js';
import type { CreateResellerBody } from './resellers.schemas.js';

/**
 * A new reseller with its own login. The generated password is returned this once. The email is
 * unique across all users; the unique index decides, so two simultaneous creates cannot both win.
 */
export async function createReseller(ctx: Context, input: CreateResellerBody) {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const company = input.company?.trim() || null;
  const { password, passwordHash } = await generateFirstPassword(ctx.db, { email, names: [name, company] });
  const now = ctx.now();
  const reseller = await claimingEmail(email, () =>
    ctx.db.transaction(async (tx) => {
      const user = await insertLoginUser(tx, {
        email,
        name,
        role: 'reseller',
        passwordHash,
        passwordSetByOperator: true,
        now,
      });
      const [created] = await tx
        .insert(resellers)
        .values({ userId: user.id, company, createdAt: now, updatedAt: now })
        .returning({ id: resellers.id });
      if (!created) throw new Error('reseller insert returned nothing');
      await record(tx, ctx, {
        action: 'reseller.created',
        resellerId: created.id,
        target: { type: 'reseller', id: created.id },
        details: { name, email, company },
      });
      return findReseller(tx, ctx.actor, created.id);
    }),
  );
  return { reseller, password };
}
