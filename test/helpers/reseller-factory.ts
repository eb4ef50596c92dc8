import { hashPassword } from '../../server/src/auth/password-hash.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { users } from '../../server/src/db/schema/users.js';
import { createReseller } from '../../server/src/resellers/create-reseller.js';
import type { TestApp } from './app.js';
import type { ApiClient } from './client.js';

let made = 0;
const unique = () => `${++made}-${Date.now().toString(36)}`;

export interface TestReseller {
  id: string;
  email: string;
  password: string;
  /** A fresh signed-in client for this reseller. */
  login(): Promise<ApiClient>;
}

/** A reseller created through the use case, with its one-time password kept for signing in. */
export async function makeReseller(
  keel: TestApp,
  input: { name?: string; email?: string; company?: string | null } = {},
): Promise<TestReseller> {
  const n = unique();
  const { reseller, password } = await createReseller(keel.system, {
    name: input.name ?? `Reseller ${n}`,
    email: input.email ?? `reseller-${n}@example.test`,
    company: input.company ?? null,
  });
  return {
    id: reseller.id,
    email: reseller.email,
    password,
    login: () => keel.login(reseller.email, password),
  };
}

export interface TestCustomer {
  id: string;
  userId: string;
  email: string;
  password: string;
  login(): Promise<ApiClient>;
}

const customerPassword = 'correct horse battery staple 2026';
let customerPasswordHash: Promise<string> | undefined;

/**
 * A customer of the given reseller (null: the admins' own) with its login user, arranged
 * directly in the database so reseller and package tests need nothing else.
 */
export async function makeCustomerOf(
  keel: TestApp,
  resellerId: string | null,
  input: { packageId?: string | null; status?: 'active' | 'suspended' | 'deleted' } = {},
): Promise<TestCustomer> {
  const n = unique();
  const email = `customer-${n}@example.test`;
  customerPasswordHash ??= hashPassword(customerPassword);
  const passwordHash = await customerPasswordHash;
  return keel.handle.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email, name: `Cus Tomer ${n}`, role: 'customer', passwordHash })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned nothing');
    const status = input.status ?? 'active';
    const [customer] = await tx
      .insert(customers)
      .values({
        userId: user.id,
        resellerId,
        packageId: input.packageId ?? null,
        firstName: 'Cus',
        lastName: `Tomer ${n}`,
        email,
        status,
        ...(status === 'deleted' ? { statusBeforeDelete: 'active', deletedAt: keel.clock.now() } : {}),
        ...(status === 'suspended' ? { suspendedAt: keel.clock.now() } : {}),
      })
      .returning({ id: customers.id });
    if (!customer) throw new Error('customer insert returned nothing');
    return {
      id: customer.id,
      userId: user.id,
      email,
      password: customerPassword,
      login: () => keel.login(email, customerPassword),
    };
  });
}
