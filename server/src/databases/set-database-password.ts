import { eq } from 'drizzle-orm';
import { generatePassword } from '../auth/password-generator.js';
import { passwordFieldErrors, passwordProblems } from '../auth/password-policy.js';
import type { Context } from '../context.js';
import { unprocessable } from '../errors/problem.js';
import { changeableHosted } from '../hosting/hosted-resources.js';
import { recordResourceEvent } from '../hosting/resource-audit.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import { nativePasswordHash } from '../provisioning/drivers/mariadb/password-hash.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { databaseKind } from './database-kind.js';
import { databases } from './databases.table.js';

/**
 * Sets the database user's password (checked against the policy) or generates one, returned
 * once. Only MariaDB's hash is stored; the reconciler applies it.
 */
export async function setDatabasePassword(
  ctx: Context,
  ids: { id: string; databaseId: string },
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
  await ctx.db.transaction(async (tx) => {
    const { customer, resource: database } = await changeableHosted(databaseKind, tx, ctx.actor, {
      customerId: ids.id,
      resourceId: ids.databaseId,
    });
    await tx
      .update(databases)
      .set({ passwordHash: nativePasswordHash(password), ...desiredChange(ctx.now()) })
      .where(eq(databases.id, database.id));
    await recordResourceEvent(
      tx,
      ctx,
      databaseKind,
      { verb: 'password_changed', customer, resource: database },
      { generated: input.password === undefined },
    );
    await notifyReconcilers(tx);
  });
  wakeReconciler(ctx);
  return { password: input.password === undefined ? password : null };
}
