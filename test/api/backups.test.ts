import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { backupJobs, backupRepositories, backups } from '../../server/src/backups/backups.table.js';
import { purgeCustomer } from '../../server/src/customers/purge-customer.js';
import { startCustomerPurge } from '../../server/src/customers/start-customer-purge.js';
import { testApp } from '../helpers/app.js';
import { insertFinishedBackup } from '../helpers/backups.js';
import { auditCount, purgeServices } from '../helpers/customer-factory.js';
import { makeCustomerOf, twoResellers } from '../helpers/reseller-factory.js';

// The HTTP contract of backups without a runner: requests queue work and answer at once.
describe('backups through the API', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const { resellerA, resellerB } = await twoResellers(keel);

  it('queues a backup the customer asks for, answers 202 with it running, and audits it', async () => {
    const customer = await makeCustomerOf(keel, resellerA.id);
    const client = await customer.login();
    const before = await auditCount(keel, 'backup.started');
    const started = await client.post(`/customers/${customer.id}/backups`);
    expect(started.statusCode).toBe(202);
    const { backup } = started.json();
    expect(backup).toEqual({
      id: expect.any(String),
      createdAt: expect.any(String),
      finishedAt: null,
      trigger: 'manual',
      state: 'running',
      error: null,
      sizeBytes: 0,
      contents: { files: false, databases: [], mailboxes: [], dnsZones: [] },
    });
    expect(await auditCount(keel, 'backup.started')).toBe(before + 1);
    const listed = (await client.get(`/customers/${customer.id}/backups`)).json();
    expect(listed).toMatchObject({ total: 1, page: 1, perPage: 25, items: [{ id: backup.id }] });
    expect((await client.get(`/customers/${customer.id}/backups/${backup.id}`)).json()).toEqual(backup);
    const jobs = (await client.get(`/customers/${customer.id}/backup-jobs`)).json();
    expect(jobs.items).toEqual([
      expect.objectContaining({ kind: 'backup', backupId: backup.id, state: 'queued', error: null }),
    ]);
  });

  it('refuses a second backup while one is under way (409) and changes nothing', async () => {
    const customer = await makeCustomerOf(keel, null);
    const base = `/customers/${customer.id}/backups`;
    expect((await admin.post(base)).statusCode).toBe(202);
    const again = await admin.post(base);
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toMatch(/backup-running$/);
    expect((await admin.get(base)).json().total).toBe(1);
  });

  it('does not delete a backup still running, and deletes a finished one with an audit event', async () => {
    const customer = await makeCustomerOf(keel, null);
    const { backup } = (await admin.post(`/customers/${customer.id}/backups`)).json();
    const one = `/customers/${customer.id}/backups/${backup.id}`;
    const refused = await admin.delete(one);
    expect(refused.statusCode).toBe(409);
    await keel.handle.db
      .update(backups)
      .set({
        state: 'ready',
        snapshots: [{ part: 'resources', name: null, snapshotId: 'abcd1234' }],
      })
      .where(eq(backups.id, backup.id));
    await keel.handle.db.delete(backupJobs).where(eq(backupJobs.backupId, backup.id));
    const deleted = await admin.delete(one);
    expect(deleted.statusCode).toBe(204);
    expect((await admin.get(one)).statusCode).toBe(404);
    const jobs = (await admin.get(`/customers/${customer.id}/backup-jobs`)).json();
    expect(jobs.items).toEqual([
      expect.objectContaining({ kind: 'forget', backupId: null, state: 'queued' }),
    ]);
    expect(await auditCount(keel, 'backup.deleted')).toBeGreaterThanOrEqual(1);
  });

  it("hides another tenant's backups: 404 for list, start, read and delete", async () => {
    const theirs = await makeCustomerOf(keel, resellerB.id);
    const { backup } = (await admin.post(`/customers/${theirs.id}/backups`)).json();
    const reseller = await resellerA.login();
    const base = `/customers/${theirs.id}/backups`;
    expect((await reseller.get(base)).statusCode).toBe(404);
    expect((await reseller.post(base)).statusCode).toBe(404);
    expect((await reseller.get(`${base}/${backup.id}`)).statusCode).toBe(404);
    expect((await reseller.delete(`${base}/${backup.id}`)).statusCode).toBe(404);
    expect((await reseller.get(`/customers/${theirs.id}/backup-jobs`)).statusCode).toBe(404);
    const mine = await makeCustomerOf(keel, resellerA.id);
    expect((await reseller.get(`/customers/${mine.id}/backups/${backup.id}`)).statusCode).toBe(404);
    expect((await admin.get(`${base}/not-a-uuid`)).statusCode).toBe(404);
  });

  it('refuses a backup of a soft-deleted customer (409)', async () => {
    const customer = await makeCustomerOf(keel, null, { status: 'deleted' });
    const refused = await admin.post(`/customers/${customer.id}/backups`);
    expect(refused.statusCode).toBe(409);
    expect((await admin.get(`/customers/${customer.id}/backups`)).json().total).toBe(0);
  });

  it('purges the backup rows, queued jobs and key of a customer with its other rows', async () => {
    const customer = await makeCustomerOf(keel, null);
    expect((await admin.post(`/customers/${customer.id}/backups`)).statusCode).toBe(202);
    await keel.handle.db
      .insert(backupRepositories)
      .values({ customerId: customer.id, encryptedPassword: 'v1:sealed' });
    expect((await admin.delete(`/customers/${customer.id}`)).statusCode).toBe(200);
    await startCustomerPurge(keel.system, customer.id);
    expect(await purgeCustomer(keel.system, customer.id, purgeServices(keel))).toMatchObject({
      outcome: 'purged',
    });
    const owned = (table: typeof backups | typeof backupJobs | typeof backupRepositories) =>
      keel.handle.db.select().from(table).where(eq(table.customerId, customer.id));
    expect(await owned(backups)).toEqual([]);
    expect(await owned(backupJobs)).toEqual([]);
    expect(await owned(backupRepositories)).toEqual([]);
  });

  it('waits with the purge while a job runs on the repository', async () => {
    const customer = await makeCustomerOf(keel, null);
    const { backup } = (await admin.post(`/customers/${customer.id}/backups`)).json();
    await keel.handle.db
      .update(backupJobs)
      .set({ state: 'running', runner: 'elsewhere:1:x' })
      .where(eq(backupJobs.backupId, backup.id));
    expect((await admin.delete(`/customers/${customer.id}`)).statusCode).toBe(200);
    await startCustomerPurge(keel.system, customer.id);
    expect(await purgeCustomer(keel.system, customer.id, purgeServices(keel))).toEqual({
      outcome: 'waiting',
      step: 'backups',
    });
  });

  it('queues a restore of a ready backup, whole or by parts, and audits it', async () => {
    const customer = await makeCustomerOf(keel, resellerA.id);
    const backupId = await insertFinishedBackup(keel, customer.id);
    const client = await customer.login();
    const url = `/customers/${customer.id}/backups/${backupId}/restore`;
    const before = await auditCount(keel, 'backup.restore_started');
    const whole = await client.post(url);
    expect(whole.statusCode).toBe(202);
    expect(whole.json().job).toMatchObject({
      kind: 'restore',
      backupId,
      state: 'queued',
      parts: ['files', 'databases', 'mailboxes', 'dnsZones'],
    });
    const some = await client.post(url, { parts: ['dnsZones', 'files'] });
    expect(some.json().job.parts).toEqual(['files', 'dnsZones']);
    expect(await auditCount(keel, 'backup.restore_started')).toBe(before + 2);
  });

  it('refuses a restore with unknown or repeated parts (400), of a backup not ready or a suspended customer (409)', async () => {
    const customer = await makeCustomerOf(keel, null);
    const backupId = await insertFinishedBackup(keel, customer.id);
    const url = `/customers/${customer.id}/backups/${backupId}/restore`;
    for (const body of [
      { parts: ['everything'] },
      { parts: ['files', 'files'] },
      { parts: [] },
      { extra: 1 },
    ]) {
      expect((await admin.post(url, body)).statusCode).toBe(400);
    }
    const { backup } = (await admin.post(`/customers/${customer.id}/backups`)).json();
    const running = await admin.post(`/customers/${customer.id}/backups/${backup.id}/restore`, {});
    expect(running.statusCode).toBe(409);
    expect(running.json().type).toMatch(/backup-not-ready$/);
    expect((await admin.post(`/customers/${customer.id}/suspend`, {})).statusCode).toBe(200);
    const suspended = await admin.post(url, {});
    expect(suspended.statusCode).toBe(409);
    expect(suspended.json().type).toMatch(/customer-not-active$/);
    const jobs = (await admin.get(`/customers/${customer.id}/backup-jobs`)).json();
    expect(jobs.items.map((job: { kind: string }) => job.kind)).toEqual(['backup']);
    const reseller = await resellerA.login();
    expect((await reseller.post(url, {})).statusCode).toBe(404);
  });

  it('reads and replaces the backup schedule (admins only), audited, refusing bad values', async () => {
    expect((await admin.get('/settings/backups')).json()).toEqual({
      schedule: 'off',
      keepDaily: 7,
      keepWeekly: 4,
      keepAfterPurgeDays: 0,
    });
    const before = await auditCount(keel, 'settings.backups_updated');
    const saved = await admin.put('/settings/backups', { schedule: 'daily', keepDaily: 3, keepWeekly: 2 });
    expect(saved.statusCode).toBe(200);
    expect((await admin.get('/settings/backups')).json()).toEqual({
      schedule: 'daily',
      keepDaily: 3,
      keepWeekly: 2,
      keepAfterPurgeDays: 0,
    });
    expect(await auditCount(keel, 'settings.backups_updated')).toBe(before + 1);
    for (const bad of [
      { schedule: 'hourly', keepDaily: 3, keepWeekly: 2 },
      { schedule: 'daily', keepDaily: -1, keepWeekly: 2 },
      { schedule: 'daily', keepDaily: 3 },
      { schedule: 'daily', keepDaily: 3, keepWeekly: 2, extra: true },
      { schedule: 'daily', keepDaily: 3, keepWeekly: 2, keepAfterPurgeDays: -1 },
      { schedule: 'daily', keepDaily: 3, keepWeekly: 2, keepAfterPurgeDays: 1.5 },
    ]) {
      expect((await admin.put('/settings/backups', bad)).statusCode).toBe(400);
    }
    const reseller = await resellerA.login();
    expect(
      (await reseller.put('/settings/backups', { schedule: 'off', keepDaily: 1, keepWeekly: 1 })).statusCode,
    ).toBe(403);
    expect((await admin.get('/settings/backups')).json()).toEqual({
      schedule: 'daily',
      keepDaily: 3,
      keepWeekly: 2,
      keepAfterPurgeDays: 0,
    });
    await admin.put('/settings/backups', { schedule: 'off', keepDaily: 7, keepWeekly: 4 });
  });
});
