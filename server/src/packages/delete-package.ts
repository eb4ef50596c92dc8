import { eq } from 'drizzle-orm';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { packages } from '../db/schema/packages.js';
import { auditingDenials } from './audit-denials.js';
import { lockPackageToChange } from './lock-package.js';
import { mayDeletePackage } from './package-policy.js';

/**
 * Deletes a package no customer uses (soft-deleted customers count: a restore must give them
 * back the package they had). @throws 409 naming how many customers still use it (package-policy.ts).
 */
export async function deletePackage(ctx: Context, id: string): Promise<void> {
  await auditingDenials(ctx, { action: 'delete package', packageId: id }, () =>
    ctx.db.transaction(async (tx) => {
      const found = await lockPackageToChange(tx, ctx.actor, id, mayDeletePackage);
      await tx.delete(packages).where(eq(packages.id, id));
      await record(tx, ctx, {
        action: 'package.deleted',
        resellerId: found.ownerResellerId,
        target: { type: 'package', id },
        details: { name: found.name },
      });
    }),
  );
}
