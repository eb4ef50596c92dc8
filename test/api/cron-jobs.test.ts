import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cronJobs } from '../../server/src/cron-jobs/cron-jobs.table.js';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { testApp } from '../helpers/app.js';
import { ApiClient } from '../helpers/client.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe('cron jobs of a customer, through the API', async () => {
  const keel = await testApp();
  const admin = await keel.admin();

  const stored = (customerId: string) =>
    keel.handle.db.select().from(cronJobs).where(eq(cronJobs.customerId, customerId));
  const jobCount = async (customerId: string) => {
    const [row] = await keel.handle.db
      .select({ count: customers.cronJobCount })
      .from(customers)
      .where(eq(customers.id, customerId));
    return row?.count;
  };

  it('creates a job with its schedule tidied, due at its next time, with no run yet', async () => {
    const customer = await makeCustomerOf(keel, null);
    const created = await admin.post(`/customers/${customer.id}/cron-jobs`, {
      schedule: ' */5  * * *   mon-fri ',
      command: 'php artisan schedule:run',
    });
    expect(created.statusCode).toBe(201);
    const job = created.json();
    expect(job).toMatchObject({
      schedule: '*/5 * * * mon-fri',
      command: 'php artisan schedule:run',
      enabled: true,
      lastRun: null,
      provisioning: { state: 'pending' },
    });
    const [row] = await stored(customer.id);
    expect(row?.nextRunAt.getTime()).toBeGreaterThan(keel.clock.now().getTime());
    expect(row?.nextRunAt.getUTCMinutes() ?? 1).toSatisfy((minute: number) => minute % 5 === 0);
    expect(await jobCount(customer.id)).toBe(1);
    const listed = (await admin.get(`/customers/${customer.id}/cron-jobs`)).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: job.id }] });
    const macro = await admin.post(`/customers/${customer.id}/cron-jobs`, {
      schedule: '@daily',
      command: 'true',
      enabled: false,
    });
    expect(macro.json()).toMatchObject({ schedule: '@daily', enabled: false });
  });

  it('refuses a schedule that does not parse or never comes due, and a bad command, with 422 changing nothing', async () => {
    const customer = await makeCustomerOf(keel, null);
    const url = `/customers/${customer.id}/cron-jobs`;
    for (const schedule of ['every minute', '61 * * * *', '* * * * * *', '0 0 31 2 *', '@reboot', '* * *']) {
      const refused = await admin.post(url, { schedule, command: 'true' });
      expect(refused.statusCode, schedule).toBe(422);
      expect(refused.json()).toMatchObject({ type: '/api/problems/invalid-schedule' });
      expect(refused.json().errors[0].field).toBe('schedule');
    }
    for (const command of ['echo a\necho b', 'echo a\rb', 'a\u0000b', 'echo \u202eevil', '   ']) {
      const refused = await admin.post(url, { schedule: '* * * * *', command });
      expect(refused.statusCode, JSON.stringify(command)).toBe(422);
      expect(refused.json().errors[0].field).toBe('command');
    }
    expect((await admin.post(url, { schedule: '* * * * *', command: 'x'.repeat(1001) })).statusCode).toBe(
      400,
    );
    expect((await admin.post(url, { schedule: '* * * * *', command: 'true', extra: 1 })).statusCode).toBe(
      400,
    );
    expect(await stored(customer.id)).toEqual([]);
    expect(await jobCount(customer.id)).toBe(0);

    const job = (await admin.post(url, { schedule: '* * * * *', command: 'true' })).json();
    const patched = await admin.patch(`${url}/${job.id}`, { schedule: 'nonsense' });
    expect(patched.statusCode).toBe(422);
    expect((await stored(customer.id))[0]?.schedule).toBe('* * * * *');
  });

  it("enforces the package's cron job limit with 422 naming the limit", async () => {
    const plan = await makePackage(keel, { limits: { cronJobs: 1 } });
    expect((await admin.get(`/packages/${plan.id}`)).json().limits.cronJobs).toBe(1);
    const customer = await makeCustomerOf(keel, null, { packageId: plan.id });
    const body = { schedule: '@hourly', command: 'true' };
    expect((await admin.post(`/customers/${customer.id}/cron-jobs`, body)).statusCode).toBe(201);
    const second = await admin.post(`/customers/${customer.id}/cron-jobs`, body);
    expect(second.statusCode).toBe(422);
    expect(second.json().errors).toEqual([
      { field: 'limits.cronJobs', message: 'package limit of 1 reached' },
    ]);
  });

  it('changes the schedule, command and switch, and deletes the job, all audited', async () => {
    const customer = await makeCustomerOf(keel, null);
    const job = (
      await admin.post(`/customers/${customer.id}/cron-jobs`, { schedule: '0 3 * * *', command: 'backup.sh' })
    ).json();
    const url = `/customers/${customer.id}/cron-jobs/${job.id}`;
    const before = (await stored(customer.id))[0]?.nextRunAt;
    const changed = await admin.patch(url, { schedule: '30 4 * * *', command: './backup.sh --full' });
    expect(changed.json()).toMatchObject({ schedule: '30 4 * * *', command: './backup.sh --full' });
    const after = (await stored(customer.id))[0]?.nextRunAt;
    expect(after?.getUTCHours()).toBe(4);
    expect(after?.getTime()).not.toBe(before?.getTime());
    expect((await admin.patch(url, { enabled: false })).json()).toMatchObject({ enabled: false });
    // The same values again change nothing and record nothing.
    expect((await admin.patch(url, { enabled: false, schedule: '30 4 * * *' })).statusCode).toBe(200);
    expect((await admin.delete(url)).statusCode).toBe(204);
    expect((await admin.get(url)).statusCode).toBe(404);
    expect(await jobCount(customer.id)).toBe(0);

    const events = await keel.handle.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.customerId, customer.id))
      .orderBy(asc(auditEvents.id));
    const jobEvents = events.filter((event) => event.action.startsWith('cron_job.'));
    expect(jobEvents.map((event) => event.action)).toEqual([
      'cron_job.created',
      'cron_job.updated',
      'cron_job.updated',
      'cron_job.deleted',
    ]);
    expect(jobEvents[0]?.details).toMatchObject({ schedule: '0 3 * * *', command: 'backup.sh' });
    expect(jobEvents[1]?.details).toMatchObject({
      schedule: { from: '0 3 * * *', to: '30 4 * * *' },
      command: { from: 'backup.sh', to: './backup.sh --full' },
    });
    expect(jobEvents[2]?.details).toMatchObject({ enabled: { from: true, to: false } });
  });

  it("lets a customer and its reseller manage its jobs, hides other tenants' with 404, and refuses a deleted customer's", async () => {
    const reseller = await makeReseller(keel);
    const mine = await makeCustomerOf(keel, reseller.id);
    const other = await makeCustomerOf(keel, null);
    const customer = await mine.login();
    const body = { schedule: '@hourly', command: 'true' };
    const own = await customer.post(`/customers/${mine.id}/cron-jobs`, body);
    expect(own.statusCode).toBe(201);
    expect((await customer.get(`/customers/${other.id}/cron-jobs`)).statusCode).toBe(404);
    expect((await customer.post(`/customers/${other.id}/cron-jobs`, body)).statusCode).toBe(404);
    const resellerClient = await reseller.login();
    expect((await resellerClient.get(`/customers/${mine.id}/cron-jobs`)).json().total).toBe(1);
    const foreign = `/customers/${other.id}/cron-jobs/${own.json().id}`;
    expect((await resellerClient.patch(foreign, { enabled: false })).statusCode).toBe(404);
    expect((await resellerClient.delete(foreign)).statusCode).toBe(404);
    const otherReseller = await (await makeReseller(keel)).login();
    expect((await otherReseller.get(`/customers/${mine.id}/cron-jobs/${own.json().id}`)).statusCode).toBe(
      404,
    );

    expect((await admin.delete(`/customers/${mine.id}`)).statusCode).toBe(200);
    const refused = await admin.post(`/customers/${mine.id}/cron-jobs`, body);
    expect(refused.statusCode).toBe(409);
    expect(
      (await admin.patch(`/customers/${mine.id}/cron-jobs/${own.json().id}`, { enabled: false })).statusCode,
    ).toBe(409);
  });

  it('lets a token with only hosting:read list the jobs but refuses it a change with 403', async () => {
    const customer = await makeCustomerOf(keel, null);
    const job = (
      await admin.post(`/customers/${customer.id}/cron-jobs`, { schedule: '@daily', command: 'true' })
    ).json();
    const issued = (await admin.post('/auth/tokens', { name: 'reader', scopes: ['hosting:read'] })).json();
    const reader = ApiClient.withToken(keel.app, issued.token);
    expect((await reader.get(`/customers/${customer.id}/cron-jobs`)).json().total).toBe(1);
    const body = { schedule: '@daily', command: 'true' };
    expect((await reader.post(`/customers/${customer.id}/cron-jobs`, body)).statusCode).toBe(403);
    expect(
      (await reader.patch(`/customers/${customer.id}/cron-jobs/${job.id}`, { enabled: false })).statusCode,
    ).toBe(403);
    expect((await reader.delete(`/customers/${customer.id}/cron-jobs/${job.id}`)).statusCode).toBe(403);
    expect(await stored(customer.id)).toHaveLength(1);
  });
});
