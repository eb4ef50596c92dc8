import { eq } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { generatePassword } from '../auth/password-generator.js';
import { passwordFieldErrors, passwordProblems } from '../auth/password-policy.js';
import type { Context } from '../context.js';
import { unprocessable } from '../errors/problem.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { visibleHosted } from './hosted-resources.js';
import { recordResourceEvent } from './resource-audit.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from './resource-changes.js';
import type { AnyResourceKind, HostedIds, HostedTable } from './resource-kind.js';

/** A kind whose resources log in with a password kept only as the hash its service checks. */
type PasswordKind = AnyResourceKind & {
  table: HostedTable & { passwordHash: AnyPgColumn };
  actions: readonly string[];
};

/**
 * Sets a resource's password (checked against the policy) or generates one, returned once. Only
 * the service's hash is stored (`hash`: MariaDB's, pure-ftpd's argon2id …); the reconciler
 * applies it. Audited as `<noun>.password_changed`.
 */
export async function setResourcePassword<Kind extends PasswordKind>(
  ctx: Context,
  kind: Kind,
  ids: HostedIds,
  input: { password?: string },
  hash: (password: string) => string | Promise<string>,
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
  const passwordHash = await hash(password);
  const table: HostedTable & { passwordHash: AnyPgColumn } = kind.table;
  await ctx.db.transaction(async (tx) => {
    const { customer, resource } = await visibleHosted(kind, tx, ctx.actor, ids, { lock: true });
    await tx
      .update(table)
      .set({ passwordHash, ...desiredChange(ctx.now()) } as Partial<HostedTable['$inferInsert']>)
      .where(eq(table.id, resource.id));
    await recordResourceEvent(
      tx,
      ctx,
      kind,
      { verb: 'password_changed' as Kind['actions'][number], customer, resource },
      { generated: input.password === undefined },
    );
    await notifyReconcilers(tx);
  });
  wakeReconciler(ctx);
  return { password: input.password === undefined ? password : null };
}
