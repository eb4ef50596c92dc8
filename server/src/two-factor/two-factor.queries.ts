import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { users } from '../db/schema/users.js';

/** A user's sign-in secrets; `lock` holds the row for the change a caller is about to make. */
export async function signInSecretsOf(db: Queryable, userId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({
      email: users.email,
      passwordHash: users.passwordHash,
      twoFactorSecret: users.twoFactorSecret,
      twoFactorEnabledAt: users.twoFactorEnabledAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new Error('the signed-in user is gone');
  return row;
}
