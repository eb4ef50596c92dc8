import { count, eq } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { packages } from '../db/schema/packages.js';
import { resellers } from '../db/schema/resellers.js';
import { users } from '../db/schema/users.js';
import { lockReseller } from './lock-reseller.js';
import { mayDeleteReseller } from './reseller-policy.js';

/**
 * Deletes a reseller that has no customers left (soft-deleted ones count until purged), with its
 * own packages and its login user; the user's sessions and API tokens go with it.
 * @throws 409 while it still has customers (reseller-policy.ts).
 */
export async function deleteReseller(ctx: Context, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    // The lock makes a concurrent customer create for this reseller wait (its foreign key needs
    // the row), so the count below cannot miss one.
    const reseller = await lockReseller(tx, id);
    const [owned] = await tx.select({ total: count() }).from(customers).where(eq(customers.resellerId, id));
    enforce(mayDeleteReseller(ctx.actor, { customerCount: owned?.total ?? 0 }));
    const deletedPackages = await tx
      .delete(packages)
      .where(eq(packages.ownerResellerId, id))
      .returning({ id: packages.id });
    await tx.delete(resellers).where(eq(resellers.id, id));
    await tx.delete(users).where(eq(users.id, reseller.userId));
    await record(tx, ctx, {
      action: 'reseller.deleted',
      resellerId: id,
      target: { type: 'reseller', id },
      details: {
        name: reseller.name,
        email: reseller.email,
        company: reseller.company,
        packagesDeleted: deletedPackages.length,
      },
    });
  });
}
