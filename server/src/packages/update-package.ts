import { eq } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { changedFields } from '../audit/changes.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { packages } from '../db/schema/packages.js';
import { auditingDenials } from './audit-denials.js';
import { lockPackageToChange } from './lock-package.js';
import { claimingPackageName } from './package-name-taken.js';
import { mayBindServerGroup, mayEditPackage } from './package-policy.js';
import { findPackage } from './packages.queries.js';
import type { UpdatePackageBody } from './packages.schemas.js';

/**
 * Renames a package, changes some of its limits or its server group; what is not sent stays as it
 * is. A new server group steers where new customers go: those on the package stay where they are.
 */
export async function updatePackage(ctx: Context, id: string, input: UpdatePackageBody) {
  const wanted = {
    ...(input.name === undefined ? {} : { name: input.name.trim() }),
    ...input.limits,
    ...(input.serverGroup === undefined ? {} : { serverGroup: input.serverGroup }),
  };
  return auditingDenials(ctx, { action: 'change package', packageId: id }, () =>
    claimingPackageName(wanted.name ?? '', () =>
      ctx.db.transaction(async (tx) => {
        const before = await lockPackageToChange(tx, ctx.actor, id, mayEditPackage);
        if (input.serverGroup !== undefined) enforce(mayBindServerGroup(ctx.actor));
        const changes = changedFields(before, wanted);
        if (Object.keys(changes).length > 0) {
          await tx
            .update(packages)
            .set({ ...wanted, updatedAt: ctx.now() })
            .where(eq(packages.id, id));
          await record(tx, ctx, {
            action: 'package.updated',
            resellerId: before.ownerResellerId,
            target: { type: 'package', id },
            details: { name: before.name, changes },
          });
        }
        return findPackage(tx, ctx.actor, id);
      }),
    ),
  );
}
