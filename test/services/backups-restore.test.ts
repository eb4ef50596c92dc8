import { Resolver } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { backups } from '../../server/src/backups/backups.table.js';
import { existingRepository } from '../../server/src/backups/customer-repository.js';
import { forgetSnapshots } from '../../server/src/backups/restic.js';
import { siteDocumentRoot } from '../../server/src/provisioning/drivers/files/customer-homes.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { findPowerDnsBinaries } from '../../server/src/provisioning/drivers/powerdns/pdns-binary.js';
import { testApp } from '../helpers/app.js';
import { startBackupRunner } from '../helpers/backups.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const mariadbUrl = process.env.KEEL_MARIADB_URL ?? 'mysql://root@localhost/?socket=/run/mysqld/mysqld.sock';
const socketPath = '/run/mysqld/mysqld.sock';
const haveServices =
  (await findNginxBinary()) !== undefined &&
  (await findPowerDnsBinaries()) !== undefined &&
  existsSync(socketPath);

describe.skipIf(mustSkip('nginx, MariaDB, PowerDNS and restic', haveServices))(
  'restoring a customer’s backup on real services',
  async () => {
    const dataDir = await sharedTempDir('backups-restore');
    const keel = await testApp({
      homesDir: path.join(dataDir, 'homes'),
      backupDir: path.join(dataDir, 'backups'),
    });
    const webPort = await freePort();
    const dnsPort = await freePort();
    const services = await startReconciler(keel, {
      dataDir,
      webPort,
      mariadbUrl,
      dnsPort,
      nameservers: ['ns1.keel.test'],
    });
    const runner = await startBackupRunner(keel, { dataDir, mariadbUrl });
    const admin = await keel.admin();
    const root = await mysql.createConnection({ socketPath, user: 'root' });
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${dnsPort}`]);
    const address = (name: string) =>
      resolver.resolve4(name).catch((error: NodeJS.ErrnoException) => error.code);
    const settle = () => services.reconciler.settle();

    const customer = await makeCustomerOf(keel, null);
    const base = `/customers/${customer.id}`;
    const site = (await admin.post(`${base}/websites`, { domain: 'shop.restore.test' })).json();
    const blog = (await admin.post(`${base}/websites`, { domain: 'blog.restore.test' })).json();
    const shop = await admin.post(`${base}/databases`, { name: 'shop' });
    const logs = await admin.post(`${base}/databases`, { name: 'logs' });
    const shopDb = shop.json().database;
    const logsDb = logs.json().database;
    const logsPassword: string = logs.json().password;
    const zone = (
      await admin.post(`${base}/dns-zones`, {
        domain: 'restore.test',
        records: [{ name: 'www', type: 'A', value: '192.0.2.44' }],
      })
    ).json();
    await settle();
    const page = (website: { id: string }) =>
      path.join(siteDocumentRoot(keel.homesDir, customer.id, website.id), 'index.html');
    await writeFile(page(site), 'the shop as it was');
    await writeFile(page(blog), 'the blog as it was');
    await root.query('CREATE TABLE ??.orders (id int primary key, note text)', [shopDb.name]);
    await root.query('INSERT INTO ??.orders VALUES (1, ?), (2, ?)', [
      shopDb.name,
      'first order',
      'second order',
    ]);
    await root.query('CREATE TABLE ??.lines (line text)', [logsDb.name]);
    await root.query('INSERT INTO ??.lines VALUES (?)', [logsDb.name, 'a log line']);
    const orders = async () => {
      const [rows] = await root.query('SELECT id, note FROM ??.orders ORDER BY id', [shopDb.name]);
      return rows;
    };
    const body = async (domain: string, requestPath = '/') => {
      const answer = await get(webPort, domain, requestPath);
      return `${answer.status} ${answer.status === 200 ? answer.body : ''}`.trim();
    };

    const started = (await admin.post(`${base}/backups`)).json();
    await runner.idle();
    const backupId: string = started.backup.id;
    const restore = async (parts?: string[]) => {
      const answer = await admin.post(`${base}/backups/${backupId}/restore`, parts ? { parts } : {});
      expect(answer.statusCode).toBe(202);
      await runner.idle();
      await settle();
      return (await admin.get(`${base}/backup-jobs`)).json().items[0];
    };

    it('takes the backup the restores start from', async () => {
      expect((await admin.get(`${base}/backups/${backupId}`)).json().state).toBe('ready');
      expect(await body(site.domain)).toBe('200 the shop as it was');
    });

    it('refuses to restore while the customer is suspended (409), and queues nothing', async () => {
      expect((await admin.post(`${base}/suspend`, { reason: 'unpaid' })).statusCode).toBe(200);
      const refused = await admin.post(`${base}/backups/${backupId}/restore`, {});
      expect(refused.statusCode).toBe(409);
      expect((await admin.get(`${base}/backup-jobs`)).json().items[0].kind).toBe('backup');
      expect((await admin.post(`${base}/reactivate`)).statusCode).toBe(200);
      await settle();
    });

    it('puts back the files, rows and records, and recreates a deleted site and database', async () => {
      await writeFile(page(site), 'defaced');
      await writeFile(path.join(path.dirname(page(site)), 'added.html'), 'added since');
      expect((await admin.delete(`${base}/websites/${blog.id}`)).statusCode).toBe(204);
      expect((await admin.delete(`${base}/databases/${logsDb.id}`)).statusCode).toBe(204);
      await root.query('UPDATE ??.orders SET note = ? WHERE id = 1', [shopDb.name, 'tampered']);
      await root.query('DELETE FROM ??.orders WHERE id = 2', [shopDb.name]);
      await admin.patch(`${base}/dns-zones/${zone.id}`, {
        records: [{ name: 'www', type: 'A', value: '192.0.2.99' }],
      });
      await settle();
      await eventually(async () => expect(await address('www.restore.test')).toEqual(['192.0.2.99']));
      await eventually(async () => expect(await body(site.domain)).toBe('200 defaced'));
      await eventually(async () => expect(await body(blog.domain)).not.toMatch(/^200/));

      const job = await restore();
      expect(job).toMatchObject({
        kind: 'restore',
        state: 'done',
        error: null,
        parts: ['files', 'databases', 'mailboxes', 'dnsZones'],
      });
      await eventually(async () => expect(await body(site.domain)).toBe('200 the shop as it was'));
      await eventually(async () => expect(await body(site.domain, '/added.html')).toMatch(/^404/));
      await eventually(async () => expect(await body(blog.domain)).toBe('200 the blog as it was'));
      expect(await orders()).toEqual([
        { id: 1, note: 'first order' },
        { id: 2, note: 'second order' },
      ]);
      const logsUser = await mysql.createConnection({
        socketPath,
        user: logsDb.user,
        password: logsPassword,
        database: logsDb.name,
      });
      const [lines] = await logsUser.query('SELECT line FROM `lines`');
      await logsUser.end();
      expect(lines).toEqual([{ line: 'a log line' }]);
      await eventually(async () => expect(await address('www.restore.test')).toEqual(['192.0.2.44']));
      const listed = (await admin.get(`${base}/websites`))
        .json()
        .items.map((w: { domain: string }) => w.domain);
      expect(listed.sort()).toEqual([blog.domain, site.domain].sort());
    });

    it('restores only the parts asked for', async () => {
      await writeFile(page(site), 'changed again');
      await admin.patch(`${base}/dns-zones/${zone.id}`, {
        records: [{ name: 'www', type: 'A', value: '192.0.2.77' }],
      });
      await settle();
      await eventually(async () => expect(await address('www.restore.test')).toEqual(['192.0.2.77']));
      const job = await restore(['dnsZones']);
      expect(job).toMatchObject({ state: 'done', parts: ['dnsZones'] });
      await eventually(async () => expect(await address('www.restore.test')).toEqual(['192.0.2.44']));
      expect(await body(site.domain)).toBe('200 changed again');
    });

    it('says why a restore failed and leaves what it could not restore as it was', async () => {
      await root.query('UPDATE ??.orders SET note = ? WHERE id = 1', [
        shopDb.name,
        'changed after the backup',
      ]);
      const [stored] = await keel.handle.db.select().from(backups).where(eq(backups.id, backupId));
      const shopSnapshot = stored?.snapshots.find((snapshot) => snapshot.name === shopDb.name);
      const repository = await existingRepository(keel.handle.db, runner.store, customer.id);
      if (!repository || !shopSnapshot) throw new Error('no repository or snapshot');
      await forgetSnapshots(repository, [shopSnapshot.snapshotId]);
      const job = await restore(['databases']);
      expect(job).toMatchObject({
        state: 'failed',
        error: expect.stringContaining(`database ${shopDb.name}`),
      });
      expect(await orders()).toEqual([
        { id: 1, note: 'changed after the backup' },
        { id: 2, note: 'second order' },
      ]);
      await root.end();
    });
  },
);
