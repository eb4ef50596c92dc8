import mysql, { type Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerPrefix, databaseName } from '../../server/src/hosting/names.js';
import { parseAdminUrl } from '../../server/src/provisioning/drivers/mariadb/admin-url.js';
import type { DatabaseDesired } from '../../server/src/provisioning/drivers/mariadb/database-driver.js';
import { MariaDbDatabaseDriver } from '../../server/src/provisioning/drivers/mariadb/database-driver.js';
import { MariaDbAdmin } from '../../server/src/provisioning/drivers/mariadb/mariadb-admin.js';
import { nativePasswordHash } from '../../server/src/provisioning/drivers/mariadb/password-hash.js';
import { mustSkip, newId } from './helpers.js';

const adminUrl = process.env.KEEL_MARIADB_URL ?? 'mysql://root@localhost/?socket=/run/mysqld/mysqld.sock';
const adminOptions = parseAdminUrl(adminUrl);
const available = await mysql
  .createConnection(adminOptions)
  .then(async (connection) => {
    await connection.end();
    return true;
  })
  .catch(() => false);

const ER_ACCOUNT_LOCKED = 4151;
const ER_ACCESS_DENIED = 1045;
const ER_DBACCESS_DENIED = 1044;
const ER_ACCESS_DENIED_NO_PASSWORD = 1698;

describe.skipIf(mustSkip('MariaDB', available))('MariaDB database driver (real MariaDB)', () => {
  // Every name in this file carries a prefix of its own, so cleanup cannot touch anything else.
  const prefix = customerPrefix(newId());
  let admin: MariaDbAdmin;
  let driver: MariaDbDatabaseDriver;

  function desired(
    requested: string,
    password: string,
    state: DatabaseDesired['state'] = 'live',
  ): DatabaseDesired {
    const name = databaseName(prefix, requested);
    if (!name.ok) throw new Error(name.reasons.join(' '));
    return {
      id: newId(),
      name: name.value,
      user: name.value,
      passwordHash: nativePasswordHash(password),
      state,
    };
  }

  function login(
    database: DatabaseDesired,
    password: string,
    over: 'socket' | 'tcp' = 'socket',
  ): Promise<Connection> {
    const where =
      over === 'tcp' ? { host: '127.0.0.1', port: 3306 } : { socketPath: adminOptions.socketPath };
    return mysql.createConnection({ ...where, user: database.user, password, database: database.name });
  }

  async function loginError(database: DatabaseDesired, password: string, over: 'socket' | 'tcp' = 'socket') {
    const error = await login(database, password, over).then(
      async (connection) => {
        await connection.end();
        throw new Error('login unexpectedly worked');
      },
      (failure: { errno?: number }) => failure,
    );
    return error.errno;
  }

  async function expectLoginWorks(
    database: DatabaseDesired,
    password: string,
    over: 'socket' | 'tcp' = 'socket',
  ) {
    const connection = await login(database, password, over);
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT DATABASE() AS db');
    expect(rows[0]?.db).toBe(database.name);
    await connection.end();
  }

  beforeAll(() => {
    admin = MariaDbAdmin.connect(adminUrl);
    driver = new MariaDbDatabaseDriver(admin);
  });

  afterAll(async () => {
    if (!admin) return;
    for (const user of await admin.listUsers())
      if (user.name.startsWith(prefix)) await admin.dropUser(user.name);
    for (const name of await admin.listDatabases())
      if (name.startsWith(prefix)) await admin.dropDatabase(name);
    await admin.close();
  });

  it('hashes passwords exactly as MariaDB does', async () => {
    const connection = await mysql.createConnection(adminOptions);
    for (const plain of ['first password 1', 'ünïcødé pässwörd', "quote ' and \\ backslash"]) {
      const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT PASSWORD(?) AS hash', [plain]);
      expect(nativePasswordHash(plain)).toBe(rows[0]?.hash);
    }
    await connection.end();
  });

  it('creates a database and a user who can log in over the socket and TCP 127.0.0.1', async () => {
    const shop = desired('shop', 'first password 1');
    expect(await driver.apply([shop])).toEqual([{ id: shop.id, ok: true }]);
    await expectLoginWorks(shop, 'first password 1', 'socket');
    await expectLoginWorks(shop, 'first password 1', 'tcp');
    const connection = await login(shop, 'first password 1');
    await connection.query('CREATE TABLE orders (id INT PRIMARY KEY)');
    await connection.query('INSERT INTO orders VALUES (1)');
    await connection.end();
    expect(await driver.apply([shop])).toEqual([{ id: shop.id, ok: true }]);
  });

  it('grants the user its own database and nothing else, even a name its own matches by wildcard', async () => {
    const mine = desired('a_b', 'own password 12');
    const lookalike = desired('axb', 'other password 1');
    await driver.apply([mine, lookalike]);
    const connection = await login(mine, 'own password 12');
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SHOW DATABASES');
    expect(rows.map((row) => row.Database).sort()).toEqual(['information_schema', mine.name]);
    await expect(connection.query(`USE ${mysql.escapeId(lookalike.name)}`)).rejects.toMatchObject({
      errno: ER_DBACCESS_DENIED,
    });
    await expect(connection.query('CREATE DATABASE keel_escape')).rejects.toMatchObject({
      errno: ER_DBACCESS_DENIED,
    });
    await connection.end();
  });

  it('locks a suspended user: new logins fail with 4151, open connections end; unlocking restores', async () => {
    const blog = desired('blog', 'blog password 12');
    await driver.apply([blog]);
    const open = await login(blog, 'blog password 12', 'tcp');
    await open.query('SELECT 1');

    const suspended = { ...blog, state: 'suspended' as const };
    expect(await driver.apply([suspended])).toEqual([{ id: blog.id, ok: true }]);
    expect(await loginError(blog, 'blog password 12', 'socket')).toBe(ER_ACCOUNT_LOCKED);
    expect(await loginError(blog, 'blog password 12', 'tcp')).toBe(ER_ACCOUNT_LOCKED);
    await expect(open.query('SELECT 1')).rejects.toThrow();
    open.destroy();
    expect(await driver.apply([suspended])).toEqual([{ id: blog.id, ok: true }]);

    expect(await driver.apply([blog])).toEqual([{ id: blog.id, ok: true }]);
    await expectLoginWorks(blog, 'blog password 12', 'socket');
    await expectLoginWorks(blog, 'blog password 12', 'tcp');
    await admin.setLocked(blog.user, true);
    await admin.setLocked(blog.user, true);
    expect(await loginError(blog, 'blog password 12')).toBe(ER_ACCOUNT_LOCKED);
    await admin.setLocked(blog.user, false);
    await expectLoginWorks(blog, 'blog password 12');
  });

  it('changes the password from a new hash alone', async () => {
    const wiki = desired('wiki', 'old password 123');
    await driver.apply([wiki]);
    const changed = { ...wiki, passwordHash: nativePasswordHash('new password 456') };
    expect(await driver.apply([changed])).toEqual([{ id: wiki.id, ok: true }]);
    expect(await loginError(wiki, 'old password 123')).toBe(ER_ACCESS_DENIED);
    await expectLoginWorks(wiki, 'new password 456');
    await admin.setPassword(wiki.user, nativePasswordHash('third password 7'));
    await expectLoginWorks(wiki, 'third password 7');
  });

  it('drops user and database; dropping again is a success', async () => {
    const shop = desired('gone', 'gone password 12');
    await driver.apply([shop]);
    await expectLoginWorks(shop, 'gone password 12');
    const absent = { ...shop, state: 'absent' as const };
    expect(await driver.apply([absent])).toEqual([{ id: shop.id, ok: true }]);
    expect(await driver.apply([absent])).toEqual([{ id: shop.id, ok: true }]);
    expect(await admin.listDatabases()).not.toContain(shop.name);
    expect((await admin.listUsers()).map((user) => user.name)).not.toContain(shop.user);
    // For an account that no longer exists MariaDB answers 1045 or, over the socket, sometimes 1698.
    expect([ER_ACCESS_DENIED, ER_ACCESS_DENIED_NO_PASSWORD]).toContain(
      await loginError(shop, 'gone password 12'),
    );
    await admin.dropDatabase(shop.name);
    await admin.dropUser(shop.user);
  });

  it('lists Keel databases and users for inventory', async () => {
    const listed = desired('listed', 'listed password 1');
    await driver.apply([listed]);
    const items = await driver.inventory();
    expect(items).toContainEqual({ kind: 'database', name: listed.name });
    expect(items).toContainEqual({ kind: 'database-user', name: listed.user, host: 'localhost' });
    expect(items).toContainEqual({ kind: 'database-user', name: listed.user, host: '127.0.0.1' });
    expect(items.map((item) => item.name)).not.toContain('mysql');
  });

  it('refuses identifiers and hashes that are not Keel names, before any SQL runs', async () => {
    const hash = nativePasswordHash('whatever password');
    await expect(admin.ensureDatabase(`${prefix}a\`; DROP DATABASE mysql; -- `)).rejects.toThrow(
      /not a Keel name/,
    );
    await expect(admin.ensureDatabase('mysql')).rejects.toThrow(/not a Keel name/);
    await expect(admin.dropDatabase(`${prefix}%`)).rejects.toThrow(/not a Keel name/);
    await expect(admin.ensureUser(`${prefix}x' OR 1=1 -- `, hash)).rejects.toThrow(/not a Keel name/);
    await expect(admin.dropUser('root')).rejects.toThrow(/not a Keel name/);
    await expect(admin.ensureUser(`${prefix}x`, "*'; DROP USER root; -- ")).rejects.toThrow(/hash/);
    await expect(admin.grantDatabase(`${prefix}x`, `${prefix}_%`)).rejects.toThrow(/not a Keel name/);
    const results = await driver.apply([{ ...desired('ok', 'ok password 12'), name: 'information_schema' }]);
    expect(results[0]).toMatchObject({ ok: false, error: expect.stringMatching(/not a Keel name/) });
    expect(await admin.listUsers()).not.toContainEqual(expect.objectContaining({ name: `${prefix}x` }));
  });
});
