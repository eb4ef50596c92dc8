import { and, eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Transaction } from '../db/database.js';
import { packages } from '../db/schema/packages.js';
import { notFound } from '../errors/problem.js';
import { assertMayChangePackage, packageScope } from './package-scope.js';

/**
 * A package the actor may change, locked for the change.
 * @throws 404 when the actor cannot see it, 403 when it can see but not change it.
 */
export async function lockPackageToChange(tx: Transaction, actor: Actor, id: string) {
  const [row] = await tx
    .select()
    .from(packages)
    .where(and(eq(packages.id, id), packageScope(actor)))
    .for('update');
  if (!row) throw notFound('Package');
  assertMayChangePackage(actor, row.ownerResellerId);
  return row;
}
