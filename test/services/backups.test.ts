import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { backupJobs, backupRepositories, backups } from '../../server/src/backups/backups.table.js';
import { existingRepository } from '../../server/src/backups/customer-repository.js';
import { repositoryDir } from '../../server/src/backups/repository-location.js';
import { backupDirectory, listSnapshots, restic } from '../../server/src/backups/restic.js';
import { backupTag } from '../../server/src/backups/take-backup.js';
import { doctor } from '../../server/src/cli/doctor.js';
import { siteDocumentRoot } from '../../server/src/provisioning/drivers/files/customer-homes.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { testApp } from '../helpers/app.js';
import { startBackupRunner } from '../helpers/backups.js';
import { purgeThroughApi, startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, get, mustSkip, newId, sharedTempDir } from './helpers.js';

const mariadbUrl = process.env.KEEL_MARIADB_URL ?? 'mysql://root@localhost/?socket=/run/mysqld/mysqld.sock';
const socketPath = '/run/mysqld/mysqld.sock';
const haveServices = (await findNginxBinary()) !== undefined && existsSync(socketPath);

/** Every file under a directory, read whole: the test looks for plain text in all of them. */
async function everyFileUnder(dir: string): Promise<Buffer[]> {
  const found: Buffer[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(await readFile(path.join(entry.parentPath, entry.name)));
  }
  return found;
}

describe.skipIf(mustSkip('nginx, MariaDB and restic', haveServices))(
  'backups of a customer on real services',
  async () => {
    const dataDir = await sharedTempDir('backups');
    const keel = await testApp({
      homesDir: path.join(dataDir, 'homes'),
      backupDir: path.join(dataDir, 'backups'),
    });
    const webPort = await freePort();
    const services = await startReconciler(keel, { dataDir, webPort, mariadbUrl });
    const runner = await startBackupRunner(keel, { dataDir, mariadbUrl });
    const admin = await keel.admin();
    const root = await mysql.createConnection({ socketPath, user: 'root' });

    const customer = await makeCustomerOf(keel, null);
    const base = `/customers/${customer.id}`;
    const site = (await admin.post(`${base}/websites`, { domain: 'shop.backups.test' })).json();
    const { database } = (await admin.post(`${base}/databases`, { name: 'shop' })).json();
    const zone = (
      await admin.post(`${base}/dns-zones`, {
        domain: 'backups.test',
        records: [{ name: 'www', type: 'A', value: '192.0.2.44' }],
      })
    ).json();
    await services.reconciler.settle();
    const secretPage = 'Secret page text 7f3a9c: the shop’s price list';
    const secretRow = 'Secret row text 5b21e0: invoice for Alice';
    await writeFile(
      path.join(siteDocumentRoot(keel.homesDir, customer.id, site.id), 'index.html'),
      secretPage,
    );
    await root.query('CREATE TABLE ??.orders (id int primary key, note text)', [database.name]);
    await root.query('INSERT INTO ??.orders VALUES (1, ?)', [database.name, secretRow]);

    const backUp = async () => {
      const started = await admin.post(`${base}/backups`);
      expect(started.statusCode).toBe(202);
      await runner.idle();
      return (await admin.get(`${base}/backups/${started.json().backup.id}`)).json();
    };
    const repository = async (customerId = customer.id) => {
      const opened = await existingRepository(keel.handle.db, runner.store, customerId);
      if (!opened) throw new Error('no repository');
      return opened;
    };
    const taggedSnapshots = async (backupId: string, customerId = customer.id) =>
      (await listSnapshots(await repository(customerId))).filter((snapshot) =>
        snapshot.tags.includes(backupTag(backupId)),
      );

    let first: { id: string; sizeBytes: number };

    it('backs up the home, each database and the zones, and lists it ready with its contents', async () => {
      await eventually(async () => expect((await get(webPort, site.domain)).body).toBe(secretPage));
      first = await backUp();
      expect(first).toMatchObject({
        trigger: 'manual',
        state: 'ready',
        error: null,
        finishedAt: expect.any(String),
        contents: { files: true, databases: [database.name], mailboxes: [], dnsZones: [zone.domain] },
      });
      expect(first.sizeBytes).toBeGreaterThan(secretPage.length);
      expect(await taggedSnapshots(first.id)).toHaveLength(3);
      const jobs = (await admin.get(`${base}/backup-jobs`)).json();
      expect(jobs.items[0]).toMatchObject({ kind: 'backup', state: 'done', progress: null, error: null });
    });

    it('keeps the files with paths relative to the home and the dump and records inside', async () => {
      const opened = await repository();
      const [stored] = await keel.handle.db.select().from(backups).where(eq(backups.id, first.id));
      const part = (name: string) => stored?.snapshots.find((snapshot) => snapshot.part === name)?.snapshotId;
      const page = await restic(opened, [
        'dump',
        part('files') as string,
        `/sites/${site.id}/public/index.html`,
      ]);
      expect(page).toBe(secretPage);
      const dump = await restic(opened, [
        'dump',
        part('database') as string,
        `/databases/${database.name}.sql`,
      ]);
      expect(dump).toContain(secretRow);
      const resources = JSON.parse(
        await restic(opened, ['dump', part('resources') as string, '/keel/resources.json']),
      );
      expect(resources.resources.dns_zone[0].records).toEqual([
        { name: 'www', type: 'A', ttl: 3600, value: '192.0.2.44' },
      ]);
    });

    it('keeps no plain text of files or rows under the backup directory, nor the password in the database', async () => {
      const files = await everyFileUnder(keel.backupDir);
      expect(files.length).toBeGreaterThan(5);
      for (const content of files) {
        expect(content.includes(secretPage)).toBe(false);
        expect(content.includes(secretRow)).toBe(false);
      }
      const opened = await repository();
      const [row] = await keel.handle.db
        .select()
        .from(backupRepositories)
        .where(eq(backupRepositories.customerId, customer.id));
      expect(row?.encryptedPassword).not.toContain(opened.password);
      expect(opened.password.length).toBeGreaterThanOrEqual(40);
    });

    it('fails a backup whose dump fails, says why, and leaves no snapshot of it', async () => {
      await root.query('CREATE TABLE ??.broken (id int)', [database.name]);
      // A view on a table that is gone makes mariadb-dump fail half-way through the database.
      await root.query('CREATE VIEW ??.broken_view AS SELECT id FROM ??.broken', [
        database.name,
        database.name,
      ]);
      await root.query('DROP TABLE ??.broken', [database.name]);
      const before = (await listSnapshots(await repository())).length;
      const failed = await backUp();
      expect(failed).toMatchObject({ state: 'failed', error: expect.stringContaining(database.name) });
      expect(await taggedSnapshots(failed.id)).toEqual([]);
      expect((await listSnapshots(await repository())).length).toBe(before);
      await root.query('DROP VIEW ??.broken_view', [database.name]);
    });

    it('fails an interrupted backup at the next start and forgets what it had taken', async () => {
      const [interrupted] = await keel.handle.db
        .insert(backups)
        .values({ customerId: customer.id, trigger: 'manual' })
        .returning();
      const backupId = interrupted?.id as string;
      await keel.handle.db.insert(backupJobs).values({
        customerId: customer.id,
        kind: 'backup',
        backupId,
        state: 'running',
        runner: `${hostname()}:2147483646:dead`,
      });
      await backupDirectory(await repository(), keel.homesDir, [backupTag(backupId)]);
      expect(await taggedSnapshots(backupId)).toHaveLength(1);
      await runner.restart();
      const read = (await admin.get(`${base}/backups/${backupId}`)).json();
      expect(read).toMatchObject({ state: 'failed', error: expect.stringMatching(/interrupted/i) });
      expect(await taggedSnapshots(backupId)).toEqual([]);
    });

    it('deletes a backup and, in the background, its snapshots', async () => {
      const second = await backUp();
      expect(second.state).toBe('ready');
      expect((await admin.delete(`${base}/backups/${second.id}`)).statusCode).toBe(204);
      await runner.idle();
      expect(await taggedSnapshots(second.id)).toEqual([]);
      expect(await taggedSnapshots(first.id)).toHaveLength(3);
      const jobs = (await admin.get(`${base}/backup-jobs`)).json();
      expect(jobs.items[0]).toMatchObject({ kind: 'forget', state: 'done' });
    });

    it("purges the customer's repository and key and leaves another customer's backup restorable", async () => {
      const other = await makeCustomerOf(keel, null);
      const otherSite = (
        await admin.post(`/customers/${other.id}/websites`, { domain: 'other.backups.test' })
      ).json();
      await services.reconciler.settle();
      const otherStarted = (await admin.post(`/customers/${other.id}/backups`)).json();
      await runner.idle();
      expect((await admin.get(`/customers/${other.id}/backups/${otherStarted.backup.id}`)).json().state).toBe(
        'ready',
      );
      await purgeThroughApi(keel, services, customer.id);
      expect(existsSync(repositoryDir(keel.backupDir, customer.id))).toBe(false);
      expect(await existingRepository(keel.handle.db, runner.store, customer.id)).toBeNull();
      const target = await mkdtemp(path.join(tmpdir(), 'keel-restored-'));
      const [otherBackup] = await keel.handle.db
        .select()
        .from(backups)
        .where(eq(backups.customerId, other.id));
      const files = otherBackup?.snapshots.find((snapshot) => snapshot.part === 'files')
        ?.snapshotId as string;
      await restic(await repository(other.id), ['restore', files, '--target', target]);
      const restored = await readFile(
        path.join(target, 'sites', otherSite.id, 'public', 'index.html'),
        'utf8',
      );
      expect(restored).toContain('other.backups.test');
      await root.end();
    });

    it('has keel doctor list repositories of no customer and customers whose repository is missing', async () => {
      const check = () => doctor(keel.system, [], { repair: false, backupDir: keel.backupDir });
      const before = await check();
      expect(before.lines.join('\n')).not.toContain('Backup repositories');
      const stray = newId();
      await mkdir(path.join(keel.backupDir, stray));
      const [other] = await keel.handle.db.select().from(backupRepositories);
      const otherId = other?.customerId as string;
      await rename(repositoryDir(keel.backupDir, otherId), path.join(dataDir, 'moved-away'));
      const report = await check();
      expect(report.inOrder).toBe(false);
      expect(report.lines).toEqual(
        expect.arrayContaining([
          `Backup repositories in ${keel.backupDir}:`,
          `  ${stray}: a repository of no customer (left over: delete it once you are sure)`,
          `  ${otherId}: the customer's repository is missing from the backup directory`,
        ]),
      );
    });
  },
);
