import type { Queryable } from '../db/database.js';
import { users } from '../db/schema/users.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { generatePassword } from './password-generator.js';
import { hashPassword } from './password-hash.js';
import type { PasswordContext } from './password-policy.js';

/**
 * A new login's first password, generated under the current policy and free of the user's own
 * email and names. The caller returns it this once; only the hash is stored.
 */
export async function generateFirstPassword(db: Queryable, context: PasswordContext) {
  const security = await readSecuritySettings(db);
  const password = generatePassword(security.passwordPolicy, context);
  return { password, passwordHash: await hashPassword(password) };
}

/** The login user of a new admin, reseller or customer; the email's unique index settles races. */
export async function insertLoginUser(
  tx: Queryable,
  login: {
    email: string;
    name: string;
    role: 'admin' | 'reseller' | 'customer';
    passwordHash: string;
    /** True when the password is one generated for the user and handed over by an operator. */
    passwordSetByOperator: boolean;
    now: Date;
  },
) {
  const { now, ...fields } = login;
  const [user] = await tx
    .insert(users)
    .values({ ...fields, passwordChangedAt: now, createdAt: now, updatedAt: now })
    .returning({ id: users.id });
  if (!user) throw new Error('user insert returned nothing');
  return user;
}
