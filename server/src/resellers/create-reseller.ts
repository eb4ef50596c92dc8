import { record } from '../audit/record.js';
import { normalizeEmail } from '../auth/acting-user.js';
import { generatePassword } from '../auth/password-generator.js';
import { hashPassword } from '../auth/password-hash.js';
import type { Context } from '../context.js';
import { resellers } from '../db/schema/resellers.js';
import { users } from '../db/schema/users.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { claimingEmail } from './email-taken.js';
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
  const security = await readSecuritySettings(ctx.db);
  const password = generatePassword(security.passwordPolicy, { email, names: [name, company] });
  const passwordHash = await hashPassword(password);
  const now = ctx.now();
  const reseller = await claimingEmail(email, () =>
    ctx.db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          email,
          name,
          role: 'reseller',
          passwordHash,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: users.id });
      if (!user) throw new Error('user insert returned nothing');
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
      return findReseller(tx, created.id);
    }),
  );
  return { reseller, password };
}
