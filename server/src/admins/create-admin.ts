import { eq } from 'drizzle-orm';
import { record } from '../audit/record.js';
import { normalizeEmail } from '../auth/acting-user.js';
import { generatePassword } from '../auth/password-generator.js';
import { hashPassword } from '../auth/password-hash.js';
import { passwordProblems } from '../auth/password-policy.js';
import type { Context } from '../context.js';
import { users } from '../db/schema/users.js';
import { conflict, unprocessable } from '../http/problem.js';
import { readSecuritySettings } from '../settings/settings.queries.js';

export interface CreateAdminInput {
  email: string;
  name?: string | null;
  /** Given: checked against the policy. Absent: one is generated and returned once. */
  password?: string | null;
}

export async function createAdmin(ctx: Context, input: CreateAdminInput) {
  const email = normalizeEmail(input.email);
  // The CLI and KEEL_ADMIN_EMAIL reach here without the API's schema: check what it would have.
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
    throw unprocessable(`"${input.email}" is not an email address.`, [
      { field: 'email', message: 'must be an email address' },
    ]);
  }
  const name = input.name?.trim() || 'Administrator';
  const security = await readSecuritySettings(ctx.db);
  const context = { email, names: [name] };
  if (input.password) {
    const problems = passwordProblems(input.password, security.passwordPolicy, context);
    if (problems.length > 0) throw unprocessable(`The password ${problems.join('; ')}.`);
  }
  const password = input.password || generatePassword(security.passwordPolicy, context);
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) throw conflict(`A user with the email ${email} already exists.`, 'email-taken');
    const [admin] = await tx
      .insert(users)
      .values({ email, name, role: 'admin', passwordHash })
      .returning({ id: users.id, email: users.email, name: users.name });
    if (!admin) throw new Error('admin insert returned nothing');
    await record(tx, ctx, {
      action: 'admin.created',
      target: { type: 'user', id: admin.id },
      details: { email },
    });
    return { admin, password: input.password ? null : password };
  });
}
