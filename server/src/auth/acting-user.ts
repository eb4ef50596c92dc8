import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ActingUser } from '../access/actor.js';
import type { Queryable } from '../db/database.js';
import { type CustomerStatus, customers } from '../db/schema/customers.js';
import { resellers } from '../db/schema/resellers.js';
import { users } from '../db/schema/users.js';

export interface ActingUserWithStatus {
  user: ActingUser;
  /** The customer account's status for customer users, else null. */
  customerStatus: CustomerStatus | null;
  /** For customers: the reseller that owns the account. */
  customerResellerId: string | null;
  passwordHash: string;
  /** The password is one an operator set or generated, not yet replaced by the user's own. */
  passwordSetByOperator: boolean;
  /** Signing in takes a code of an authenticator app (or a recovery code) after the password. */
  twoFactorEnabled: boolean;
}

/**
 * A user's table with the customer and reseller tables of the account it signs in for, under
 * names of their own, so one query can load two users (a session's real and impersonated one).
 */
export function accountTables(name: string) {
  return {
    user: alias(users, `${name}_user`),
    customer: alias(customers, `${name}_customer`),
    reseller: alias(resellers, `${name}_reseller`),
  };
}
export type AccountTables = ReturnType<typeof accountTables>;

/** The join conditions that attach a user's customer and reseller account to it. */
export const accountJoins = ({ user, customer, reseller }: AccountTables) => ({
  customer: eq(customer.userId, user.id),
  reseller: eq(reseller.userId, user.id),
});

export const accountColumns = ({ user, customer, reseller }: AccountTables) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  passwordHash: user.passwordHash,
  passwordSetByOperator: user.passwordSetByOperator,
  twoFactorEnabledAt: user.twoFactorEnabledAt,
  customerId: customer.id,
  customerStatus: customer.status,
  customerResellerId: customer.resellerId,
  resellerId: reseller.id,
});

type AccountColumns = ReturnType<typeof accountColumns>;
/** Every column may be null: the account tables are left-joined. */
type AccountRow = { [Column in keyof AccountColumns]: AccountColumns[Column]['_']['data'] | null };

/** The user of a row selected with `accountColumns`, or null when the row's user is missing. */
export function accountOf(row: AccountRow): ActingUserWithStatus | null {
  const { id, email, name, role, passwordHash } = row;
  if (id === null || email === null || name === null || role === null || passwordHash === null) return null;
  return {
    user: {
      id,
      email,
      name,
      role,
      customerId: row.customerId,
      resellerId: row.resellerId,
    },
    customerStatus: row.customerStatus,
    customerResellerId: row.customerResellerId,
    passwordHash,
    passwordSetByOperator: row.passwordSetByOperator === true,
    twoFactorEnabled: row.twoFactorEnabledAt !== null,
  };
}

const account = accountTables('account');

/** A user with the customer or reseller account it signs in for. Not scoped: auth resolves identities. */
export async function unsafeLoadUser(
  db: Queryable,
  where: { id: string } | { email: string },
): Promise<ActingUserWithStatus | null> {
  const joins = accountJoins(account);
  const [row] = await db
    .select(accountColumns(account))
    .from(account.user)
    .leftJoin(account.customer, joins.customer)
    .leftJoin(account.reseller, joins.reseller)
    .where('id' in where ? eq(account.user.id, where.id) : eq(account.user.email, where.email));
  return row ? accountOf(row) : null;
}

/** Emails are compared trimmed and in lower case everywhere. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
