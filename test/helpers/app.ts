import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createAdmin } from '../../server/src/admins/create-admin.js';
import { type Context, createSignals, systemContext } from '../../server/src/context.js';
import type { DatabaseHandle } from '../../server/src/db/client.js';
import { type App, buildApp } from '../../server/src/http/app.js';
import { ApiClient } from './client.js';
import { TestClock } from './clock.js';
import { freshDatabase } from './database.js';

export interface TestApp {
  app: App;
  /** Where this app's customer homes live (the document roots it shows). */
  homesDir: string;
  /** Where its customers' backup repositories live. */
  backupDir: string;
  handle: DatabaseHandle;
  clock: TestClock;
  /** A use-case context acting as the system, for arranging data directly. */
  system: Context;
  /** A client with no session yet. */
  anonymous(): ApiClient;
  /** Signs in as a new admin and returns its client. */
  admin(): Promise<ApiClient>;
  /** Signs in with the given credentials. */
  login(email: string, password: string): Promise<ApiClient>;
}

let adminCount = 0;

/**
 * The HTTP app on this test file's own database (a fresh one unless given, e.g. one a test
 * upgraded itself); closed after the file's tests.
 */
export async function testApp(
  options: {
    trustedProxies?: string[];
    homesDir?: string;
    handle?: DatabaseHandle;
    mailHostname?: string;
    backupDir?: string;
    metricsToken?: string;
    /** Where nginx logs each site; by default where a reconciler on `homesDir`'s parent puts them. */
    siteLogsDir?: string;
  } = {},
): Promise<TestApp> {
  const handle = options.handle ?? (await freshDatabase());
  const homesDir = options.homesDir ?? join(tmpdir(), 'keel-test-homes');
  const backupDir = options.backupDir ?? join(homesDir, '..', 'keel-test-backups');
  const clock = new TestClock();
  const signals = createSignals();
  // Each app its own key, as each install has: a sealed value never opens with another's.
  const panelKey = randomBytes(32);
  const app = await buildApp({
    db: handle.db,
    signals,
    now: clock.now,
    panelKey,
    trustedProxies: options.trustedProxies,
    homesDir,
    mailHostname: options.mailHostname ?? 'mail.keel.test',
    nameservers: ['ns1.keel.test', 'ns2.keel.test'],
    metricsToken: options.metricsToken,
    siteLogsDir: options.siteLogsDir ?? join(homesDir, '..', 'nginx', 'logs', 'sites'),
  });
  const system = systemContext({ db: handle.db, signals, panelKey, now: clock.now });
  afterAll(async () => {
    await app.close();
    await handle.close();
  });
  const login = async (email: string, password: string) => {
    const client = new ApiClient(app);
    const response = await client.post('/auth/login', { email, password });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
    return client;
  };
  return {
    app,
    homesDir,
    backupDir,
    handle,
    clock,
    system,
    anonymous: () => new ApiClient(app),
    login,
    async admin() {
      adminCount += 1;
      const email = `admin${adminCount}-${Date.now()}@example.test`;
      const created = await createAdmin(system, { email, name: `Admin ${adminCount}` });
      return login(email, created.password as string);
    },
  };
}
