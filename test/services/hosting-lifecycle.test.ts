import { existsSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { testApp } from '../helpers/app.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const mariadbUrl = process.env.KEEL_MARIADB_URL ?? 'mysql://root@localhost/?socket=/run/mysqld/mysqld.sock';
const socketPath = '/run/mysqld/mysqld.sock';
const haveServices = (await findNginxBinary()) !== undefined && existsSync(socketPath);

/** Can the customer's database user log in? Returns the MariaDB errno when refused. */
async function databaseLogin(user: string, password: string, database: string): Promise<true | number> {
  try {
    const connection = await mysql.createConnection({ socketPath, user, password, database });
    await connection.query('select 1');
    await connection.end();
    return true;
  } catch (error) {
    return (error as { errno?: number }).errno ?? -1;
  }
}

const suspendedPaths = ['/', '/?a=1', '/deep/path'];

describe.skipIf(mustSkip('nginx and MariaDB', haveServices))(
  'a customer’s sites and databases on real services',
  async () => {
    const dataDir = await sharedTempDir('lifecycle');
    const keel = await testApp({ homesDir: path.join(dataDir, 'homes') });
    const webPort = await freePort();
    const services = await startReconciler(keel, { dataDir, webPort, mariadbUrl });
    const admin = await keel.admin();
    const customer = await makeCustomerOf(keel, null);
    const base = `/customers/${customer.id}`;
    afterAll(async () => {
      await keel.anonymous().app.close();
    });

    const status = async (domain: string, requestPath = '/') =>
      (await get(webPort, domain, requestPath)).status;
    const settle = () => services.reconciler.settle();

    const site = (await admin.post(`${base}/websites`, { domain: 'shop.lifecycle.test' })).json();
    const blog = (await admin.post(`${base}/websites`, { domain: 'blog.lifecycle.test' })).json();
    const created = (await admin.post(`${base}/databases`, { name: 'shop' })).json();
    const db = created.database;
    const dbPassword: string = created.password;

    it('serves new sites with their default page and lets the database user in', async () => {
      await settle();
      await eventually(async () => expect(await status(site.domain)).toBe(200));
      expect((await get(webPort, site.domain)).body).toContain('shop.lifecycle.test');
      expect(await databaseLogin(db.user, dbPassword, db.name)).toBe(true);
      const read = (await admin.get(`${base}/websites/${site.id}`)).json();
      expect(read.provisioning).toEqual({ state: 'ready', error: null, updatedAt: expect.any(String) });
    });

    it('answers 503 for a site its customer turned off, on every path', async () => {
      await admin.patch(`${base}/websites/${blog.id}`, { enabled: false });
      await settle();
      for (const requestPath of suspendedPaths) {
        await eventually(async () => expect(await status(blog.domain, requestPath)).toBe(503));
      }
      expect((await get(webPort, blog.domain)).body).toContain('This site is suspended');
      expect(await status(site.domain)).toBe(200);
    });

    it('takes every site down and locks the database user when the customer is suspended', async () => {
      expect((await admin.post(`${base}/suspend`, { reason: 'unpaid invoice' })).statusCode).toBe(200);
      await settle();
      for (const requestPath of suspendedPaths) {
        await eventually(async () => expect(await status(site.domain, requestPath)).toBe(503));
      }
      expect(await databaseLogin(db.user, dbPassword, db.name)).toBe(4151);
    });

    it('restores exactly what was on at reactivation: the turned-off site stays off', async () => {
      expect((await admin.post(`${base}/reactivate`)).statusCode).toBe(200);
      await settle();
      await eventually(async () => expect(await status(site.domain)).toBe(200));
      expect(await status(blog.domain)).toBe(503);
      expect(await databaseLogin(db.user, dbPassword, db.name)).toBe(true);
    });

    it('applies a new database password without Keel knowing the old one', async () => {
      const reset = (await admin.post(`${base}/databases/${db.id}/password`, {})).json();
      await settle();
      expect(await databaseLogin(db.user, reset.password, db.name)).toBe(true);
      expect(await databaseLogin(db.user, dbPassword, db.name)).not.toBe(true);
    });
  },
);
