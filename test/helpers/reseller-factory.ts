import { eq } from 'drizzle-orm';
import { deleteCustomer } from '../../server/src/customers/delete-customer.js';
import { suspendCustomer } from '../../server/src/customers/suspend-customer.js';
import { users } from '../../server/src/db/schema/users.js';
import { createReseller } from '../../server/src/resellers/create-reseller.js';
import type { TestApp } from './app.js';
import type { ApiClient } from './client.js';
import { type MadeCustomer, makeCustomer } from './customer-factory.js';

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

/** Two resellers, A and B: one to act, one whose things it must not reach. */
export async function twoResellers(keel: TestApp) {
  return {
    resellerA: await makeReseller(keel, { name: 'Reseller A' }),
    resellerB: await makeReseller(keel, { name: 'Reseller B' }),
  };
}

/** A made customer with its login user's id. */
export interface TestCustomer extends MadeCustomer {
  userId: string;
}

/**
 * A customer of the given reseller (null: the admins' own) through the customers' use cases,
 * brought into the status asked for; with its login user's id for checking sessions and audit.
 */
export async function makeCustomerOf(
  keel: TestApp,
  resellerId: string | null,
  input: { packageId?: string | null; status?: 'active' | 'suspended' | 'deleted' } = {},
): Promise<TestCustomer> {
  const customer = await makeCustomer(keel, { resellerId, packageId: input.packageId ?? null });
  if (input.status === 'suspended') await suspendCustomer(keel.system, customer.id, { reason: 'unpaid' });
  if (input.status === 'deleted') await deleteCustomer(keel.system, customer.id);
  const [user] = await keel.handle.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, customer.email));
  if (!user) throw new Error('the customer has no login user');
  return { ...customer, userId: user.id };
}
