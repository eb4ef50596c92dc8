import { generatePassword } from '../auth/password-generator.js';
import type { Context } from '../context.js';
import { conflict, unprocessable } from '../errors/problem.js';
import { customerForNewHosted, recordHostedCreated } from '../hosting/hosted-resources.js';
import { customerPrefix, databaseName, databaseUserName } from '../hosting/names.js';
import { wakeReconciler } from '../hosting/resource-changes.js';
import { assertWithinPackageLimit } from '../hosting/resource-limits.js';
import { nativePasswordHash } from '../provisioning/drivers/mariadb/password-hash.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { databaseKind } from './database-kind.js';
import { databases } from './databases.table.js';

/**
 * Adds a MariaDB database and its own user. The user's password is generated, returned this
 * once, and kept only as MariaDB's own hash so the reconciler can apply it.
 */
export async function createDatabase(ctx: Context, customerId: string, input: { name: string }) {
  const prefix = customerPrefix(customerId);
  const name = databaseName(prefix, input.name);
  const user = databaseUserName(prefix, input.name);
  if (!name.ok || !user.ok) {
    const reasons = [...(name.ok ? [] : name.reasons), ...(user.ok ? [] : user.reasons)];
    throw unprocessable(
      reasons.join(' '),
      reasons.map((message) => ({ field: 'name', message })),
      'invalid-name',
    );
  }
  const security = await readSecuritySettings(ctx.db);
  const password = generatePassword(security.passwordPolicy);
  const created = await ctx.db.transaction(async (tx) => {
    const customer = await customerForNewHosted(tx, ctx.actor, customerId);
    await assertWithinPackageLimit(tx, customer, databaseKind);
    const [database] = await tx
      .insert(databases)
      .values({
        customerId: customer.id,
        name: name.value,
        user: user.value,
        passwordHash: nativePasswordHash(password),
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!database)
      throw conflict(`This customer already has a database named ${name.value}.`, 'database-taken');
    await recordHostedCreated(tx, ctx, databaseKind, customer, database);
    return { customer, resource: database };
  });
  wakeReconciler(ctx);
  return { ...created, password };
}
