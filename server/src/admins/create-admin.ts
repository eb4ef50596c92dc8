import { record } from '../audit/record.js';
import { normalizeEmail } from '../auth/acting-user.js';
import { claimingEmail } from '../auth/email-taken.js';
import { insertLoginUser } from '../auth/new-login.js';
import { generatePassword } from '../auth/password-generator.js';
import { hashPassword } from '../auth/password-hash.js';
import { passwordProblems } from '../auth/password-policy.js';
import type { Context } from '../context.js';
import { unprocessable } from '../errors/problem.js';
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
  return claimingEmail(email, () =>
    ctx.db.transaction(async (tx) => {
      const user = await insertLoginUser(tx, {
        email,
        name,
        role: 'admin',
        passwordHash,
        // The admin chose it, or it is printed to the operator who runs the command.
        passwordSetByOperator: false,
        now: ctx.now(),
      });
      const admin = { id: user.id, email, name };
      await record(tx, ctx, {
        action: 'admin.created',
        target: { type: 'user', id: admin.id },
        details: { email },
      });
      return { admin, password: input.password ? null : password };
    }),
  );
}
