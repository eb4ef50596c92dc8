import { count, eq } from 'drizzle-orm';
import { afterAll } from 'vitest';
import { hashPassword } from '../../server/src/auth/password-hash.js';
import type { Context } from '../../server/src/context.js';
import { type CreateCustomerInput, createCustomer } from '../../server/src/customers/create-customer.js';
import { purgeScheduler } from '../../server/src/customers/purge-scheduler.js';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { packages } from '../../server/src/db/schema/packages.js';
import { resellers } from '../../server/src/db/schema/resellers.js';
import { users } from '../../server/src/db/schema/users.js';
import type { TestApp } from './app.js';
import type { ApiClient } from './client.js';

let made = 0;
const unique = () => `${++made}-${Date.now().toString(36)}`;

export interface MadeCustomer {
  id: string;
  email: string;
  password: string;
  version: number;
  login(): Promise<ApiClient>;
}

/** A customer created through the createCustomer use case (as the system unless `as` is given). */
export async function makeCustomer(
  keel: TestApp,
  input: Partial<CreateCustomerInput> & { as?: Context } = {},
): Promise<MadeCustomer> {
  const n = unique();
  const { as, ...fields } = input;
  const { customer, password } = await createCustomer(as ?? keel.system, {
    firstName: 'Test',
    lastName: `Customer ${n}`,
    email: `customer-${n}@example.test`,
    ...fields,
  });
  return {
    id: customer.id,
    email: customer.email,
    password,
    version: customer.version,
    login: () => keel.login(customer.email, password),
  };
}

const resellerPassword = 'reseller test password of some length';
let resellerHash: Promise<string> | undefined;

export interface MadeReseller {
  id: string;
  userId: string;
  email: string;
  name: string;
  login(): Promise<ApiClient>;
}

/** A reseller with its login user, inserted directly: these tests need one, not its API. */
export async function insertReseller(keel: TestApp, input: { name?: string } = {}): Promise<MadeReseller> {
  const n = unique();
  const email = `reseller-${n}@example.test`;
  const name = input.name ?? `Reseller ${n}`;
  resellerHash ??= hashPassword(resellerPassword);
  const passwordHash = await resellerHash;
  return keel.handle.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email, name, role: 'reseller', passwordHash })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned nothing');
    const [reseller] = await tx.insert(resellers).values({ userId: user.id }).returning({ id: resellers.id });
    if (!reseller) throw new Error('reseller insert returned nothing');
    return {
      id: reseller.id,
      userId: user.id,
      email,
      name,
      login: () => keel.login(email, resellerPassword),
    };
  });
}

/** A package of the admins (no reseller) or of the given reseller, inserted directly. */
export async function insertPackage(
  keel: TestApp,
  input: { name?: string; resellerId?: string | null } = {},
) {
  const [made] = await keel.handle.db
    .insert(packages)
    .values({ name: input.name ?? `Package ${unique()}`, ownerResellerId: input.resellerId ?? null })
    .returning({ id: packages.id, name: packages.name });
  if (!made) throw new Error('package insert returned nothing');
  return made;
}

/** The stored customer row, to assert that a refused request changed nothing. */
export async function customerRow(keel: TestApp, id: string) {
  const [row] = await keel.handle.db.select().from(customers).where(eq(customers.id, id));
  return row ?? null;
}

export async function userRow(keel: TestApp, email: string) {
  const [row] = await keel.handle.db.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

/** How many audit events there are (with this action): a refused request must add none. */
export async function auditCount(keel: TestApp, action?: string): Promise<number> {
  const [row] = await keel.handle.db
    .select({ n: count() })
    .from(auditEvents)
    .where(action ? eq(auditEvents.action, action) : undefined);
  return row?.n ?? 0;
}

/** The purge scheduler on this test app's database and signals, stopped after the file. */
export async function startPurgeWorker(keel: TestApp) {
  const worker = purgeScheduler({
    db: keel.handle.db,
    signals: keel.system.signals,
    log: { info: () => undefined, error: (...args: unknown[]) => console.error(...args) },
    intervalMs: 3_600_000,
    now: keel.clock.now,
  });
  await worker.start();
  afterAll(() => worker.stop());
  return worker;
}
