import { eq } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import type { Transaction } from '../db/database.js';
import { packages } from '../db/schema/packages.js';
import { resellers } from '../db/schema/resellers.js';
import { forbidden, unprocessable } from '../errors/problem.js';
import { auditingDenials } from './audit-denials.js';
import { claimingPackageName } from './package-name-taken.js';
import { mayBindServerGroup } from './package-policy.js';
import { findPackage } from './packages.queries.js';
import { type CreatePackageBody, limitNames } from './packages.schemas.js';

/** Admins choose the owner (none: the admins' own); a reseller's packages are always its own. */
function ownerOf(ctx: Context, input: CreatePackageBody): string | null {
  const { actor } = ctx;
  if (actor.kind === 'system' || actor.user.role === 'admin') return input.resellerId ?? null;
  if (input.resellerId !== undefined) throw forbidden("Only admins choose a package's owner.");
  if (actor.user.role !== 'reseller' || !actor.user.resellerId) throw forbidden();
  return actor.user.resellerId;
}

/** Share-locks the owner, so deleting it waits for this package and then takes it along. */
async function lockOwner(tx: Transaction, resellerId: string) {
  const [owner] = await tx
    .select({ id: resellers.id })
    .from(resellers)
    .where(eq(resellers.id, resellerId))
    .for('share');
  if (!owner)
    throw unprocessable('No such reseller.', [{ field: 'resellerId', message: 'is not a reseller' }]);
}

export async function createPackage(ctx: Context, input: CreatePackageBody) {
  const ownerResellerId = await auditingDenials(ctx, { action: 'create package' }, async () => {
    if (input.serverGroup !== undefined) enforce(mayBindServerGroup(ctx.actor));
    return ownerOf(ctx, input);
  });
  const serverGroup = input.serverGroup ?? null;
  const name = input.name.trim();
  const limits = Object.fromEntries(limitNames.map((limit) => [limit, input.limits?.[limit] ?? null]));
  const now = ctx.now();
  return claimingPackageName(name, () =>
    ctx.db.transaction(async (tx) => {
      if (ownerResellerId) await lockOwner(tx, ownerResellerId);
      const [created] = await tx
        .insert(packages)
        .values({ name, ownerResellerId, ...limits, serverGroup, createdAt: now, updatedAt: now })
        .returning({ id: packages.id });
      if (!created) throw new Error('package insert returned nothing');
      await record(tx, ctx, {
        action: 'package.created',
        resellerId: ownerResellerId,
        target: { type: 'package', id: created.id },
        details: { name, owner: ownerResellerId, limits, serverGroup },
      });
      return findPackage(tx, ctx.actor, created.id);
    }),
  );
}
