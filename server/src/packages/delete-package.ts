import { count, eq } from 'drizzle-orm';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { packages } from '../db/schema/packages.js';
import { conflict } from '../errors/problem.js';
import { auditingDenials } from './audit-denials.js';
import { lockPackageToChange } from './lock-package.js';

/**
 * Deletes a package no customer uses (soft-deleted customers count: a restore must give them
 * back the package they had). @throws 409 naming how many customers still use it.
 */
export async function deletePackage(ctx: Context, id: string): Promise<void> {
  await auditingDenials(ctx, { action: 'delete package', packageId: id }, () =>
    ctx.db.transaction(async (tx) => {
      // The lock makes a customer assignment in flight wait (its foreign key needs the row), so the
      // count cannot miss it.
      const found = await lockPackageToChange(tx, ctx.actor, id);
      const [used] = await tx.select({ total: count() }).from(customers).where(eq(customers.packageId, id));
      const users = used?.total ?? 0;
      if (users > 0) {
        throw conflict(
          `This package is used by ${users} customer${users === 1 ? '' : 's'} (soft-deleted ones included); give them another package first.`,
          'package-in-use',
        );
      }
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
