import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { backups } from '../../server/src/backups/backups.table.js';
import { existingRepository } from '../../server/src/backups/customer-repository.js';
import { listSnapshots } from '../../server/src/backups/restic.js';
import { testApp } from '../helpers/app.js';
import { startBackupRunner } from '../helpers/backups.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { sharedTempDir } from './helpers.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('scheduled backups and their retention, with restic', async () => {
  const dataDir = await sharedTempDir('backups-schedule');
  const keel = await testApp({
    homesDir: path.join(dataDir, 'homes'),
    backupDir: path.join(dataDir, 'backups'),
  });
  const runner = await startBackupRunner(keel, { dataDir });
  const admin = await keel.admin();
  const customer = await makeCustomerOf(keel, null);
  const deleted = await makeCustomerOf(keel, null, { status: 'deleted' });
  // Read from the rows: a day on the test clock outlives any session.
  const scheduled = (customerId: string) =>
    keel.handle.db
      .select()
      .from(backups)
      .where(eq(backups.customerId, customerId))
      .orderBy(desc(backups.createdAt));
  const sweep = async () => {
    await runner.sweepNow();
    await runner.idle();
  };
  const nextDay = async () => {
    keel.clock.advance(DAY_MS);
    await sweep();
  };

  it('takes none while the schedule is off', async () => {
    await runner.sweepNow();
    await runner.idle();
    expect(await scheduled(customer.id)).toEqual([]);
  });

  it('backs up every customer not deleted once a day, and keeps only what the retention says', async () => {
    expect(
      (await admin.put('/settings/backups', { schedule: 'daily', keepDaily: 2, keepWeekly: 0 })).statusCode,
    ).toBe(200);
    await sweep();
    const first = await scheduled(customer.id);
    expect(first).toEqual([expect.objectContaining({ trigger: 'scheduled', state: 'ready' })]);
    await sweep();
    expect(await scheduled(customer.id)).toHaveLength(1);
    expect(await scheduled(deleted.id)).toEqual([]);
    await nextDay();
    await nextDay();
    const kept = await scheduled(customer.id);
    expect(kept).toHaveLength(2);
    expect(kept.map((backup) => backup.id)).not.toContain(first[0]?.id);
    const repository = await existingRepository(keel.handle.db, runner.store, customer.id);
    if (!repository) throw new Error('no repository');
    const tags = (await listSnapshots(repository)).flatMap((snapshot) => snapshot.tags);
    expect(tags).not.toContain(`keel-backup=${first[0]?.id}`);
    expect(tags).toContain(`keel-backup=${kept[0]?.id}`);
  });
});
