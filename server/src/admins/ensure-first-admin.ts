import { eq } from 'drizzle-orm';
import type { Context } from '../context.js';
import { users } from '../db/schema/users.js';
import { createAdmin } from './create-admin.js';

/**
 * With no admin yet, creates one: from KEEL_ADMIN_EMAIL and KEEL_ADMIN_PASSWORD when set,
 * otherwise with a generated password that the caller prints once.
 */
export async function ensureFirstAdmin(ctx: Context, env: { email: string | null; password: string | null }) {
  const [existing] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, 'admin'))
    .limit(1);
  if (existing) return null;
  return createAdmin(ctx, {
    email: env.email ?? 'admin@localhost.localdomain',
    name: 'Administrator',
    password: env.password,
  });
}
