import { eq } from 'drizzle-orm';
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
}

/** A user with the customer or reseller account it signs in for. Not scoped: auth resolves identities. */
export async function unsafeLoadUser(
  db: Queryable,
  where: { id: string } | { email: string },
): Promise<ActingUserWithStatus | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      customerId: customers.id,
      customerStatus: customers.status,
      customerResellerId: customers.resellerId,
      resellerId: resellers.id,
    })
    .from(users)
    .leftJoin(customers, eq(customers.userId, users.id))
    .leftJoin(resellers, eq(resellers.userId, users.id))
    .where('id' in where ? eq(users.id, where.id) : eq(users.email, where.email));
  if (!row) return null;
  return {
    user: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      customerId: row.customerId,
      resellerId: row.resellerId,
    },
    customerStatus: row.customerStatus,
    customerResellerId: row.customerResellerId,
    passwordHash: row.passwordHash,
  };
}

/** Emails are compared trimmed and in lower case everywhere. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
