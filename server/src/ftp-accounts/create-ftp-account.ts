import { generatePassword } from '../auth/password-generator.js';
import { hashPassword } from '../auth/password-hash.js';
import type { Context } from '../context.js';
import { conflict, unprocessable } from '../errors/problem.js';
import { customerForNewHosted, recordHostedCreated } from '../hosting/hosted-resources.js';
import { customerPrefix, ftpUserName } from '../hosting/names.js';
import { wakeReconciler } from '../hosting/resource-changes.js';
import { assertWithinPackageLimit } from '../hosting/resource-limits.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { ftpAccountKind } from './ftp-account-kind.js';
import { ftpAccounts } from './ftp-accounts.table.js';
import { normalizeFtpDirectory } from './ftp-directory.js';

/**
 * Adds an FTP login locked into a directory of the customer's home. The password is generated,
 * returned this once, and kept only as the argon2id hash pure-ftpd checks.
 */
export async function createFtpAccount(
  ctx: Context,
  customerId: string,
  input: { user: string; directory?: string },
) {
  const user = ftpUserName(customerPrefix(customerId), input.user);
  const directory = normalizeFtpDirectory(input.directory);
  if (!user.ok || !directory.ok) {
    throw unprocessable(
      [...(user.ok ? [] : user.reasons), ...(directory.ok ? [] : directory.reasons)].join(' '),
      [
        ...(user.ok ? [] : user.reasons.map((message) => ({ field: 'user', message }))),
        ...(directory.ok ? [] : directory.reasons.map((message) => ({ field: 'directory', message }))),
      ],
      user.ok ? 'invalid-directory' : 'invalid-name',
    );
  }
  const security = await readSecuritySettings(ctx.db);
  const password = generatePassword(security.passwordPolicy);
  const passwordHash = await hashPassword(password);
  const created = await ctx.db.transaction(async (tx) => {
    const customer = await customerForNewHosted(tx, ctx.actor, customerId);
    await assertWithinPackageLimit(tx, customer, ftpAccountKind);
    const [ftpAccount] = await tx
      .insert(ftpAccounts)
      .values({
        customerId: customer.id,
        user: user.value,
        directory: directory.value,
        passwordHash,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!ftpAccount) throw conflict(`The FTP user ${user.value} already exists.`, 'ftp-user-taken');
    await recordHostedCreated(tx, ctx, ftpAccountKind, customer, ftpAccount);
    return { customer, resource: ftpAccount };
  });
  wakeReconciler(ctx);
  return { ...created, password };
}
