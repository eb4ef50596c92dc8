import { eq } from 'drizzle-orm';
import type { Transaction } from '../db/database.js';
import { resellers } from '../db/schema/resellers.js';
import { users } from '../db/schema/users.js';
import { notFound } from '../errors/problem.js';

/** The reseller and its login user, locked for a change. @throws 404 */
export async function lockReseller(tx: Transaction, id: string) {
  const [row] = await tx
    .select({
      id: resellers.id,
      userId: resellers.userId,
      company: resellers.company,
      name: users.name,
      email: users.email,
    })
    .from(resellers)
    .innerJoin(users, eq(users.id, resellers.userId))
    .where(eq(resellers.id, id))
    .for('update');
  if (!row) throw notFound('Reseller');
  return row;
}
