import { and, eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { enforce, type Verdict } from '../access/policy.js';
import type { Transaction } from '../db/database.js';
import { packages } from '../db/schema/packages.js';
import { notFound } from '../errors/problem.js';
import type { PackageFacts } from './package-policy.js';
import { packageScope } from './package-scope.js';
import { packageCustomerCount } from './packages.queries.js';

/**
 * A package the actor may change, locked for the change, once `rule` (from package-policy.ts, the
 * rule its `permissions` present) allows it.
 * @throws 404 when the actor cannot see it, else the rule's 403 or 409.
 */
export async function lockPackageToChange(
  tx: Transaction,
  actor: Actor,
  id: string,
  rule: (actor: Actor, pkg: PackageFacts) => Verdict,
) {
  const [row] = await tx
    .select()
    .from(packages)
    .where(and(eq(packages.id, id), packageScope(actor)))
    .for('update');
  if (!row) throw notFound('Package');
  // The lock makes a customer assignment in flight wait (its foreign key needs the row), so the
  // count cannot miss it.
  const customerCount = await packageCustomerCount(tx, id);
  enforce(rule(actor, { ownerResellerId: row.ownerResellerId, customerCount }));
  return row;
}
