import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { backupRepositories, keptBackupRepositories } from '../../server/src/backups/backups.table.js';
import { keptRepositoryPassword } from '../../server/src/backups/kept-repositories.js';
import { repositoryDir } from '../../server/src/backups/repository-location.js';
import { doctor } from '../../server/src/cli/doctor.js';
import { purgeDueCustomers } from '../../server/src/customers/purge-due-customers.js';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { homeDirectory } from '../../server/src/provisioning/drivers/files/customer-homes.js';
import { testApp } from '../helpers/app.js';
import { startBackupRunner } from '../helpers/backups.js';
import { purgeServices, startPurgeWorker } from '../helpers/customer-factory.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, sharedTempDir } from './helpers.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const run = promisify(execFile);

describe('a final backup kept after the purge (keepAfterPurgeDays), with restic', async () => {
  const dataDir = await sharedTempDir('backups-kept');
  const keel = await testApp({
    homesDir: path.join(dataDir, 'homes'),
    backupDir: path.join(dataDir, 'backups'),
  });
  const runner = await startBackupRunner(keel, { dataDir });
  const purger = await startPurgeWorker(keel);
  const admin = await keel.admin();
  const settings = { schedule: 'off', keepDaily: 7, keepWeekly: 4 };
  const customer = await makeCustomerOf(keel, null);
  const base = `/customers/${customer.id}`;
  const secret = 'Order book 3e81c0: the last page before the shop closed';
  const home = homeDirectory(keel.homesDir, customer.id);
  await mkdir(path.join(home, 'sites', 'shop'), { recursive: true });
  await writeFile(path.join(home, 'sites', 'shop', 'orders.txt'), secret);
  const keptDir = path.join(
    keel.backupDir,
    'purged',
    `${customer.id}-${keel.clock.now().toISOString().slice(0, 10)}`,
  );
  // The test clock runs on: the day is what a person reads.
  const inThirtyDays = () => new Date(keel.clock.now().getTime() + 30 * DAY_MS).toISOString().slice(0, 10);
  const actions = async (customerId: string) =>
    (
      await keel.handle.db
        .select({ action: auditEvents.action, details: auditEvents.details })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.customerId, customerId),
            inArray(auditEvents.action, [
              'backup.started',
              'backup.repository_kept',
              'backup.kept_repository_deleted',
            ]),
          ),
        )
        .orderBy(asc(auditEvents.id))
    ).map((event) => ({ action: event.action, details: event.details }));

  it('has the setting off by default and keeps it when a PUT leaves it out', async () => {
    expect((await admin.get('/settings/backups')).json()).toEqual({ ...settings, keepAfterPurgeDays: 0 });
    const on = await admin.put('/settings/backups', { ...settings, keepAfterPurgeDays: 30 });
    expect(on.json()).toEqual({ ...settings, keepAfterPurgeDays: 30 });
    const untouched = await admin.put('/settings/backups', { ...settings, keepDaily: 8 });
    expect(untouched.json()).toEqual({ ...settings, keepDaily: 8, keepAfterPurgeDays: 30 });
  });

  it('takes a final backup before destroying anything, then purges and keeps the repository aside', async () => {
    expect((await admin.delete(base)).statusCode).toBe(200);
    expect((await admin.post(`${base}/purge`)).statusCode).toBe(202);
    // Nothing is destroyed while the final backup is taken: the customer and its home are there.
    const waiting = (await admin.get(base)).json();
    expect(waiting).toMatchObject({ status: 'deleted', purgeStartedAt: null });
    expect(existsSync(home)).toBe(true);
    await runner.idle();
    await purger.sweepNow();
    await eventually(async () => expect((await admin.get(base)).statusCode).toBe(404));
    expect(existsSync(home)).toBe(false);
    expect(existsSync(repositoryDir(keel.backupDir, customer.id))).toBe(false);
    expect(existsSync(path.join(keptDir, 'config'))).toBe(true);
    const [sealed] = await keel.handle.db
      .select()
      .from(backupRepositories)
      .where(eq(backupRepositories.customerId, customer.id));
    expect(sealed).toBeUndefined();
    expect(await actions(customer.id)).toEqual([
      { action: 'backup.started', details: { trigger: 'before-purge' } },
      {
        action: 'backup.repository_kept',
        details: {
          directory: path.join('purged', path.basename(keptDir)),
          days: 30,
          keptUntil: expect.stringMatching(new RegExp(`^${inThirtyDays()}T`)),
        },
      },
    ]);
  });

  it('restores a file from the kept repository with restic and the password keel gives', async () => {
    // docs/operators.md: RESTIC_PASSWORD from `keel kept-backups password <id>`, then restic.
    const password = await keptRepositoryPassword(keel.handle.db, runner.store.key, customer.id);
    expect(password).toEqual(expect.any(String));
    const env = { ...process.env, RESTIC_REPOSITORY: keptDir, RESTIC_PASSWORD: password as string };
    const target = await mkdtemp(path.join(tmpdir(), 'keel-kept-restore-'));
    const snapshots = JSON.parse((await run('restic', ['snapshots', '--json'], { env })).stdout);
    const files = snapshots.find((snapshot: { paths: string[] }) =>
      snapshot.paths.some((p) => !p.endsWith('.json')),
    );
    await run('restic', ['restore', files.short_id, '--target', target, '--include', '/sites/shop'], { env });
    expect(await readFile(path.join(target, 'sites', 'shop', 'orders.txt'), 'utf8')).toBe(secret);
    await rm(target, { recursive: true, force: true });
  });

  it('has keel doctor list it as kept until its date, not as an orphan', async () => {
    const report = await doctor(keel.system, [], { repair: false, backupDir: keel.backupDir });
    expect(report.lines).toEqual([
      `Backups of purged customers, kept in ${path.join(keel.backupDir, 'purged')}:`,
      `  ${path.basename(keptDir)} (${customer.email}): kept until ${inThirtyDays()}`,
      expect.stringMatching(/^All in order/),
    ]);
  });

  it('stops the purge with the reason when the final backup fails, and retries when asked again', async () => {
    const broken = await makeCustomerOf(keel, null);
    const brokenBase = `/customers/${broken.id}`;
    // A file where its repository belongs: restic cannot make the repository, so the backup fails.
    await writeFile(repositoryDir(keel.backupDir, broken.id), 'not a repository');
    expect((await admin.delete(brokenBase)).statusCode).toBe(200);
    expect((await admin.post(`${brokenBase}/purge`)).statusCode).toBe(202);
    await runner.idle();
    const sweep = await purgeDueCustomers(keel.system, purgeServices(keel));
    expect(sweep.stopped).toEqual([
      {
        id: broken.id,
        reason: expect.stringMatching(/^The final backup before the permanent deletion failed: /),
      },
    ]);
    expect((await admin.get(brokenBase)).json()).toMatchObject({ status: 'deleted', purgeStartedAt: null });
    const listed = (await admin.get(`${brokenBase}/backups`)).json().items;
    expect(listed).toEqual([
      expect.objectContaining({ trigger: 'before-purge', state: 'failed', error: expect.any(String) }),
    ]);
    // Still stopped at the next sweep: the scheduler does not retry a failed final backup by itself.
    expect((await purgeDueCustomers(keel.system, purgeServices(keel))).stopped).toHaveLength(1);

    await rm(repositoryDir(keel.backupDir, broken.id));
    expect((await admin.post(`${brokenBase}/purge`)).statusCode).toBe(202);
    await runner.idle();
    await purger.sweepNow();
    await eventually(async () => expect((await admin.get(brokenBase)).statusCode).toBe(404));
    const kept = await keel.handle.db.select().from(keptBackupRepositories);
    expect(kept.map((row) => row.customerId).sort()).toEqual([customer.id, broken.id].sort());
  });

  it('takes the final backup too when a delete with 0 days of retention purges at once', async () => {
    const platform = (await admin.get('/settings/platform')).json();
    await admin.put('/settings/platform', { ...platform, permanentDeleteAfterDays: 0 });
    const atOnce = await makeCustomerOf(keel, null);
    expect((await admin.delete(`/customers/${atOnce.id}`)).statusCode).toBe(202);
    await runner.idle();
    await purger.sweepNow();
    await eventually(async () => expect((await admin.get(`/customers/${atOnce.id}`)).statusCode).toBe(404));
    expect((await actions(atOnce.id)).map((event) => event.action)).toEqual([
      'backup.started',
      'backup.repository_kept',
    ]);
    await admin.put('/settings/platform', platform);
  });

  it('deletes a kept repository and its key once its days are over, audited', async () => {
    keel.clock.advance(30 * DAY_MS + 1000);
    await purger.sweepNow();
    expect(existsSync(keptDir)).toBe(false);
    expect(await keptRepositoryPassword(keel.handle.db, runner.store.key, customer.id)).toBeNull();
    expect((await actions(customer.id)).map((event) => event.action)).toEqual([
      'backup.started',
      'backup.repository_kept',
      'backup.kept_repository_deleted',
    ]);
    const report = await doctor(keel.system, [], { repair: false, backupDir: keel.backupDir });
    expect(report.lines.join('\n')).not.toContain('Backups of purged customers');
  });
});
