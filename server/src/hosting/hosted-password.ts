import { eq } from 'drizzle-orm';
import { generatePassword } from '../auth/password-generator.js';
import { passwordFieldErrors, passwordProblems } from '../auth/password-policy.js';
import type { Context } from '../context.js';
import { unprocessable } from '../errors/problem.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { changeableHosted } from './hosted-resources.js';
import { recordResourceEvent } from './resource-audit.js';
import { desiredChange, notifyReconcilers, wakeReconciler } from './resource-changes.js';
import type { AnyResourceKind, HostedIds, HostedTable } from './resource-kind.js';

/** A kind whose resource has a service password, kept only as the hash its service needs. */
type PasswordKind = AnyResourceKind & { table: HostedTable & { passwordHash: unknown } };

/**
 * Sets a resource's service password (checked against the policy) or generates one, returned
 * once. Only `hashOf(password)` is stored, audited as `password_changed`; the reconciler applies it.
 */
export async function setHostedPassword(
  ctx: Context,
  kind: PasswordKind,
  ids: HostedIds,
  input: { password?: string },
  hashOf: (password: string) => string | Promise<string>,
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
  const passwordHash = await hashOf(password);
  const table: HostedTable = kind.table;
  await ctx.db.transaction(async (tx) => {
    const { customer, resource } = await changeableHosted(kind, tx, ctx.actor, ids);
    await tx
      .update(table)
      .set({ passwordHash, ...desiredChange(ctx.now()) })
      .where(eq(table.id, resource.id));
    await recordResourceEvent(
      tx,
      ctx,
      kind,
      { verb: 'password_changed', customer, resource },
      { generated: input.password === undefined },
    );
    await notifyReconcilers(tx);
  });
  wakeReconciler(ctx);
  return { password: input.password === undefined ? password : null };
}
