import { count, eq } from 'drizzle-orm';
import { afterAll } from 'vitest';
import type { Context } from '../../server/src/context.js';
import { type CreateCustomerInput, createCustomer } from '../../server/src/customers/create-customer.js';
import { purgeScheduler } from '../../server/src/customers/purge-scheduler.js';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { users } from '../../server/src/db/schema/users.js';
import { CustomerHomes } from '../../server/src/provisioning/drivers/files/customer-homes.js';
import { hostingKinds } from '../../server/src/resource-kinds.js';
import type { TestApp } from './app.js';
import type { ApiClient } from './client.js';
import { makePackage } from './package-factory.js';
import { makeReseller } from './reseller-factory.js';

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

/** A reseller through the resellers area's use case (its factory), with a signed-in client at hand. */
export async function insertReseller(keel: TestApp, input: { name?: string } = {}) {
  const made = await makeReseller(keel, input);
  return { ...made, name: input.name ?? made.email };
}

/** A package of the admins (no reseller) or of the given reseller, through its use case. */
export async function insertPackage(
  keel: TestApp,
  input: { name?: string; resellerId?: string | null } = {},
) {
  const made = await makePackage(keel, input);
  return { id: made.id, name: made.name };
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

/** What a purge removes outside the database, on this test app's own homes and backup directories. */
export const purgeServices = (keel: TestApp) => ({
  kinds: hostingKinds,
  homes: new CustomerHomes(keel.homesDir),
  backupDir: keel.backupDir,
});

/** The purge scheduler on this test app's database and signals, stopped after the file. */
export async function startPurgeWorker(keel: TestApp) {
  const worker = purgeScheduler({
    db: keel.handle.db,
    signals: keel.system.signals,
    panelKey: keel.system.panelKey,
    log: { info: () => undefined, error: (...args: unknown[]) => console.error(...args) },
    intervalMs: 3_600_000,
    now: keel.clock.now,
    services: purgeServices(keel),
  });
  await worker.start();
  afterAll(() => worker.stop());
  return worker;
}
