import { eq } from 'drizzle-orm';
import { generatePassword } from '../auth/password-generator.js';
import { hashPassword } from '../auth/password-hash.js';
import { passwordFieldErrors, passwordProblems } from '../auth/password-policy.js';
import type { Context } from '../context.js';
import { unprocessable } from '../errors/problem.js';
import { visibleHosted } from '../hosting/hosted-resources.js';
import { recordResourceEvent } from '../hosting/resource-audit.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { ftpAccountKind } from './ftp-account-kind.js';
import { ftpAccounts } from './ftp-accounts.table.js';

/**
 * Sets the FTP account's password (checked against the policy) or generates one, returned once.
 * Only its argon2id hash is stored; the reconciler writes it into pure-ftpd's users file.
 */
export async function setFtpPassword(
  ctx: Context,
  ids: { id: string; ftpAccountId: string },
  input: { password?: string },
): Promise<{ password: string | null }> {
  const security = await readSecuritySettings(ctx.db);
  if (input.password !== undefined) {
    const problems = passwordProblems(input.password, security.passwordPolicy);
    if (problems.length > 0) {
      throw unprocessable(
        'The password does not meet the policy.',
        passwordFieldErrors(problems),
        'password-policy',
      );
    }
  }
  const password = input.password ?? generatePassword(security.passwordPolicy);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const { customer, resource: account } = await visibleHosted(
      ftpAccountKind,
      tx,
      ctx.actor,
      { customerId: ids.id, resourceId: ids.ftpAccountId },
      { lock: true },
    );
    await tx
      .update(ftpAccounts)
      .set({ passwordHash, ...desiredChange(ctx.now()) })
      .where(eq(ftpAccounts.id, account.id));
    await recordResourceEvent(
      tx,
      ctx,
      ftpAccountKind,
      { verb: 'password_changed', customer, resource: account },
      { generated: input.password === undefined },
    );
    await notifyReconcilers(tx);
  });
  wakeReconciler(ctx);
  return { password: input.password === undefined ? password : null };
}
