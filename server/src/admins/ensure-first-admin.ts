import { eq } from 'drizzle-orm';
import type { Context } from '../context.js';
import { users } from '../db/schema/users.js';
import { Problem, problemType } from '../errors/problem.js';
import { createAdmin } from './create-admin.js';

const emailTaken = problemType('email-taken');

async function anAdminExists(ctx: Context): Promise<boolean> {
  const [existing] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, 'admin'))
    .limit(1);
  return existing !== undefined;
}

/**
 * With no admin yet, creates one: from KEEL_ADMIN_EMAIL and KEEL_ADMIN_PASSWORD when set,
 * otherwise with a generated password that the caller prints once. Two panels starting together
 * on a new database both find none; the second insert finds the email taken, and the first
 * admin is the other panel's.
 */
export async function ensureFirstAdmin(ctx: Context, env: { email: string | null; password: string | null }) {
  if (await anAdminExists(ctx)) return null;
  try {
    return await createAdmin(ctx, {
      email: env.email ?? 'admin@localhost.localdomain',
      name: 'Administrator',
      password: env.password,
    });
  } catch (error) {
    if (error instanceof Problem && error.type === emailTaken && (await anAdminExists(ctx))) return null;
    throw error;
  }
}
