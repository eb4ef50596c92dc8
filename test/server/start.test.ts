import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { openDatabase } from '../../server/src/db/client.js';
import { DatabaseNewerThanCodeError } from '../../server/src/db/migrate.js';
import { startServer } from '../../server/src/server.js';
import { scratchInstall } from '../helpers/scratch-install.js';

const adminEmail = 'first@example.test';
const adminPassword = 'a long and private passphrase';

// A fresh embedded database runs initdb: seconds on an idle machine, far more on a busy one.
const slow = { timeout: 180_000 };

describe('starting Keel', slow, async () => {
  const install = await scratchInstall();
  afterAll(() => install.remove());
  const config = (extra: Record<string, string> = {}) => loadConfig({ ...install.env, ...extra });
  const start = async (extra: Record<string, string> = {}) => {
    const lines: string[] = [];
    const server = await startServer(config(extra), (line) => lines.push(line));
    return { ...server, lines, url: `http://127.0.0.1:${server.port}` };
  };
  const logIn = (url: string, password = adminPassword, email = adminEmail) =>
    fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  it('migrates a fresh database, creates the env-configured admin, serves and says where', async () => {
    const server = await start({ KEEL_ADMIN_EMAIL: adminEmail, KEEL_ADMIN_PASSWORD: adminPassword });
    try {
      expect(server.lines).toEqual([
        `First admin created: ${adminEmail} with the password from KEEL_ADMIN_PASSWORD`,
        expect.stringMatching(
          new RegExp(`^Keel is listening on ${server.url} \\((embedded database in .+|PostgreSQL)\\)$`),
        ),
      ]);
      const session = await fetch(`${server.url}/api/v1/auth/session`);
      expect(session.status).toBe(401);
      expect(session.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const login = await logIn(server.url);
      expect(login.status).toBe(200);
      expect((await login.json()).user).toMatchObject({ email: adminEmail, role: 'admin' });
    } finally {
      await server.stop();
    }
  });

  it('lets a request in flight finish when it stops', { timeout: 120_000 }, async () => {
    const server = await start();
    const stopped = new Promise<void>((resolve) => {
      server.app.server.once('request', () => {
        server.stop().then(resolve);
      });
    });
    const response = await logIn(server.url);
    const answeredAt = Date.now();
    await stopped;
    expect(response.status).toBe(200);
    // The client's keep-alive connection must not hold the stop up for its 72-second timeout.
    expect(Date.now() - answeredAt).toBeLessThan(60_000);
    await expect(fetch(`${server.url}/api/v1/auth/session`)).rejects.toThrow();
  });

  it('reuses the data on the next start: no second first admin, same credentials', async () => {
    const server = await start({
      KEEL_ADMIN_EMAIL: 'someone-else@example.test',
      KEEL_ADMIN_PASSWORD: adminPassword,
    });
    try {
      expect(server.lines).toHaveLength(1);
      expect(server.lines[0]).toMatch(/^Keel is listening on /);
      expect((await logIn(server.url)).status).toBe(200);
      expect((await logIn(server.url, adminPassword, 'someone-else@example.test')).status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('refuses a database migrated by a newer Keel, and leaves nothing running', async () => {
    const handle = await openDatabase(config());
    await handle.db.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', ${Date.now() + 10 ** 11})`,
    );
    await handle.close();
    await expect(start()).rejects.toBeInstanceOf(DatabaseNewerThanCodeError);
    const again = await openDatabase(config());
    await again.db.execute(sql`delete from drizzle.__drizzle_migrations where hash = 'from-the-future'`);
    await again.close();
    const server = await start();
    await server.stop();
  });

  it('gives up cleanly when its port is taken, letting go of its database', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      await expect(start({ PORT: String(port) })).rejects.toThrow(/EADDRINUSE|address already in use/);
    } finally {
      taken.close();
    }
    const server = await start();
    await server.stop();
  });

  it.skipIf(process.env.TEST_DATABASE_URL)(
    'keeps a second Keel off its embedded database while it runs',
    async () => {
      const first = await start();
      try {
        await expect(start({ PORT: '0' })).rejects.toThrow(
          `is open in another Keel process (pid ${process.pid}); stop that process first`,
        );
      } finally {
        await first.stop();
      }
      const second = await start();
      await second.stop();
    },
  );
});

describe('the first admin without configured credentials', slow, async () => {
  const install = await scratchInstall();
  afterAll(() => install.remove());

  it('gets a generated password, printed once, that signs in', async () => {
    const lines: string[] = [];
    const server = await startServer(loadConfig(install.env), (line) => lines.push(line));
    try {
      const match = /^First admin created: (\S+) with password (\S+) \(shown only this once\)$/.exec(
        lines[0] ?? '',
      );
      expect(match?.[1]).toBe('admin@localhost.localdomain');
      const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: match?.[1], password: match?.[2] }),
      });
      expect(response.status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
