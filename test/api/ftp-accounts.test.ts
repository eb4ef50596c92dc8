import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { ftpAccounts } from '../../server/src/ftp-accounts/ftp-accounts.table.js';
import { customerPrefix } from '../../server/src/hosting/names.js';
import { testApp } from '../helpers/app.js';
import { makePackage } from '../helpers/package-factory.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';
import { eventually } from '../services/helpers.js';

describe('FTP accounts of a customer, through the API', async () => {
  const keel = await testApp();
  await startReconciler(keel, { dataDir: await mkdtemp(path.join(tmpdir(), 'keel-ftp-api-')) });
  const admin = await keel.admin();

  const stored = (customerId: string) =>
    keel.handle.db.select().from(ftpAccounts).where(eq(ftpAccounts.customerId, customerId));
  const accountCount = async (customerId: string) => {
    const [row] = await keel.handle.db
      .select({ count: customers.ftpAccountCount })
      .from(customers)
      .where(eq(customers.id, customerId));
    return row?.count;
  };

  it("creates an account with the customer's prefix and a password shown once, kept only as argon2id", async () => {
    const customer = await makeCustomerOf(keel, null);
    const created = await admin.post(`/customers/${customer.id}/ftp-accounts`, {
      user: 'Web',
      directory: '/sites/./shop/',
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { ftpAccount, password } = created.json();
    expect(ftpAccount).toMatchObject({
      user: `${customerPrefix(customer.id)}web`,
      directory: 'sites/shop',
      enabled: true,
      provisioning: { state: 'pending' },
    });
    // No FTP ports configured here: the account waits, naming the missing settings.
    await eventually(async () => {
      const read = (await admin.get(`/customers/${customer.id}/ftp-accounts/${ftpAccount.id}`)).json();
      expect(read.provisioning).toMatchObject({
        state: 'pending',
        error: 'FTP accounts are not served: KEEL_FTP_PORT and KEEL_FTP_PASSIVE_PORTS are not set',
      });
    });
    expect(password.length).toBeGreaterThanOrEqual(12);
    const [row] = await stored(customer.id);
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(password);
    expect(await verify(row?.passwordHash ?? '', password)).toBe(true);
    expect(await accountCount(customer.id)).toBe(1);

    const listed = (await admin.get(`/customers/${customer.id}/ftp-accounts`)).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: ftpAccount.id, user: ftpAccount.user }] });
    expect(JSON.stringify(listed)).not.toContain('argon2');
    const home = await admin.post(`/customers/${customer.id}/ftp-accounts`, { user: 'home' });
    expect(home.json().ftpAccount.directory).toBe('');
  });

  it('refuses a directory escaping the home, a bad user name and a taken one, changing nothing', async () => {
    const customer = await makeCustomerOf(keel, null);
    const url = `/customers/${customer.id}/ftp-accounts`;
    for (const directory of ['..', '../other', 'sites/../../etc', 'a:b']) {
      const refused = await admin.post(url, { user: 'up', directory });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors[0].field).toBe('directory');
    }
    for (const user of ['9lives', 'no-dash', 'x'.repeat(30)]) {
      const refused = await admin.post(url, { user });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors[0].field).toBe('user');
    }
    expect((await admin.post(url, { user: 'up', extra: 1 })).statusCode).toBe(400);
    expect(await stored(customer.id)).toEqual([]);
    expect((await admin.post(url, { user: 'up' })).statusCode).toBe(201);
    const taken = await admin.post(url, { user: 'UP' });
    expect(taken.statusCode).toBe(409);
    expect(await accountCount(customer.id)).toBe(1);
  });

  it("enforces the package's FTP account limit with 422 naming the limit", async () => {
    const plan = await makePackage(keel, { limits: { ftpAccounts: 1 } });
    const customer = await makeCustomerOf(keel, null, { packageId: plan.id });
    expect((await admin.post(`/customers/${customer.id}/ftp-accounts`, { user: 'one' })).statusCode).toBe(
      201,
    );
    const second = await admin.post(`/customers/${customer.id}/ftp-accounts`, { user: 'two' });
    expect(second.statusCode).toBe(422);
    expect(second.json().errors).toEqual([
      { field: 'limits.ftpAccounts', message: 'package limit of 1 reached' },
    ]);
  });

  it('sets, generates and checks passwords, switches and deletes the account, all audited', async () => {
    const customer = await makeCustomerOf(keel, null);
    const created = (await admin.post(`/customers/${customer.id}/ftp-accounts`, { user: 'edit' })).json();
    const url = `/customers/${customer.id}/ftp-accounts/${created.ftpAccount.id}`;
    const hashNow = async () => (await stored(customer.id))[0]?.passwordHash ?? '';

    const weak = await admin.post(`${url}/password`, { password: 'short' });
    expect(weak.statusCode).toBe(422);
    expect(await verify(await hashNow(), created.password)).toBe(true);

    const set = await admin.post(`${url}/password`, { password: 'Correct-Horse-Battery-9' });
    expect(set.statusCode).toBe(204);
    expect(await verify(await hashNow(), 'Correct-Horse-Battery-9')).toBe(true);
    const generated = await admin.post(`${url}/password`, {});
    expect(generated.statusCode).toBe(200);
    expect(generated.headers['cache-control']).toBe('no-store');
    expect(await verify(await hashNow(), generated.json().password)).toBe(true);

    expect((await admin.patch(url, { enabled: false })).json()).toMatchObject({ enabled: false });
    expect((await admin.delete(url)).statusCode).toBe(204);
    expect((await admin.get(url)).statusCode).toBe(404);
    expect(await accountCount(customer.id)).toBe(0);

    const events = await keel.handle.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.customerId, customer.id))
      .orderBy(asc(auditEvents.id));
    const accountEvents = events.filter((event) => event.action.startsWith('ftp_account.'));
    expect(accountEvents.map((event) => event.action)).toEqual([
      'ftp_account.created',
      'ftp_account.password_changed',
      'ftp_account.password_changed',
      'ftp_account.updated',
      'ftp_account.deleted',
    ]);
    expect(accountEvents[1]?.details).toMatchObject({ generated: false });
    expect(accountEvents[2]?.details).toMatchObject({ generated: true });
    expect(JSON.stringify(events)).not.toContain('Correct-Horse');
  });

  it("lets a customer and its reseller manage its accounts, and hides other tenants' with 404", async () => {
    const reseller = await makeReseller(keel);
    const mine = await makeCustomerOf(keel, reseller.id);
    const other = await makeCustomerOf(keel, null);
    const customer = await mine.login();
    const own = await customer.post(`/customers/${mine.id}/ftp-accounts`, { user: 'own' });
    expect(own.statusCode).toBe(201);
    expect((await customer.get(`/customers/${other.id}/ftp-accounts`)).statusCode).toBe(404);
    expect((await customer.post(`/customers/${other.id}/ftp-accounts`, { user: 'x' })).statusCode).toBe(404);
    const resellerClient = await reseller.login();
    expect((await resellerClient.get(`/customers/${mine.id}/ftp-accounts`)).json().total).toBe(1);
    const foreign = `/customers/${other.id}/ftp-accounts/${own.json().ftpAccount.id}`;
    expect((await resellerClient.post(`${foreign}/password`, {})).statusCode).toBe(404);
    expect((await resellerClient.delete(foreign)).statusCode).toBe(404);
  });

  it('gives every customer its own system uid', async () => {
    const first = await makeCustomerOf(keel, null);
    const second = await makeCustomerOf(keel, null);
    const uids = await keel.handle.db.select({ id: customers.id, uid: customers.systemUid }).from(customers);
    const uidOf = (id: string) => uids.find((row) => row.id === id)?.uid ?? 0;
    expect(uidOf(first.id)).toBeGreaterThanOrEqual(200_000);
    expect(uidOf(second.id)).not.toBe(uidOf(first.id));
  });
});
