import { existsSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { customerPrefix } from '../../server/src/hosting/names.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { checkInventory } from '../../server/src/provisioning/inventory.js';
import { websiteKind } from '../../server/src/websites/website-kind.js';
import { type TestApp, testApp } from '../helpers/app.js';
import { purgeThroughApi, startReconciler, type TestServices } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const mariadbUrl = process.env.KEEL_MARIADB_URL ?? 'mysql://root@localhost/?socket=/run/mysqld/mysqld.sock';
const socketPath = '/run/mysqld/mysqld.sock';
const haveServices = (await findNginxBinary()) !== undefined && existsSync(socketPath);

/** Findings about this test's own customer (other test files share the MariaDB server). */
async function findingsAbout(keel: TestApp, services: TestServices, customerId: string, ids: string[]) {
  const prefix = customerPrefix(customerId);
  const mine = (name: string) => name.startsWith(prefix) || name === customerId || ids.includes(name);
  return (await checkInventory(keel.handle.db, services.drivers.kinds)).filter((finding) =>
    mine(finding.name),
  );
}

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

    const status = async (domain: string, requestPath = '/') =>
      (await get(webPort, domain, requestPath)).status;
    const settle = () => services.reconciler.settle();

    const site = (await admin.post(`${base}/websites`, { domain: 'shop.lifecycle.test' })).json();
    const blog = (await admin.post(`${base}/websites`, { domain: 'blog.lifecycle.test' })).json();
    const created = (await admin.post(`${base}/databases`, { name: 'shop' })).json();
    const db = created.database;
    const dbPassword: string = created.password;
    let newPassword = dbPassword;

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
      newPassword = reset.password;
      await settle();
      expect(await databaseLogin(db.user, reset.password, db.name)).toBe(true);
      expect(await databaseLogin(db.user, dbPassword, db.name)).not.toBe(true);
    });

    it('finds nothing wrong in the inventory, and reports a database made behind its back', async () => {
      const ids = [site.id, blog.id];
      expect(await findingsAbout(keel, services, customer.id, ids)).toEqual([]);
      const sneaky = `${customerPrefix(customer.id)}sneaky`;
      const root = await mysql.createConnection({ socketPath, user: 'root' });
      await root.query(`CREATE DATABASE \`${sneaky}\``);
      try {
        expect(await findingsAbout(keel, services, customer.id, ids)).toEqual([
          { problem: 'orphan', kind: 'database', name: sneaky },
        ]);
      } finally {
        await root.query(`DROP DATABASE \`${sneaky}\``);
        await root.end();
      }
    });

    it('keeps everything at soft delete, serves it again at restore', async () => {
      expect((await admin.delete(base)).statusCode).toBe(200);
      await settle();
      await eventually(async () => expect(await status(site.domain)).toBe(503));
      expect(await databaseLogin(db.user, newPassword, db.name)).toBe(4151);
      expect((await admin.post(`${base}/restore`)).statusCode).toBe(200);
      await settle();
      await eventually(async () => expect(await status(site.domain)).toBe(200));
      expect(await databaseLogin(db.user, newPassword, db.name)).toBe(true);
    });

    it('purges every vhost, file, database and user before the customer row goes', async () => {
      await purgeThroughApi(keel, services, customer.id);
      expect(await services.drivers.driverOf(websiteKind)?.nginx.listSiteIds()).not.toContain(site.id);
      expect(existsSync(path.join(keel.homesDir, customer.id))).toBe(false);
      expect(await databaseLogin(db.user, newPassword, db.name)).not.toBe(true);
      const root = await mysql.createConnection({ socketPath, user: 'root' });
      const [schemas] = await root.query(
        'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [db.name],
      );
      const [accounts] = await root.query('SELECT User FROM mysql.user WHERE User = ?', [db.user]);
      await root.end();
      expect(schemas).toEqual([]);
      expect(accounts).toEqual([]);
      expect(await findingsAbout(keel, services, customer.id, [site.id, blog.id])).toEqual([]);
      await eventually(async () => expect(await status(site.domain)).not.toBe(200));
    });
  },
);
