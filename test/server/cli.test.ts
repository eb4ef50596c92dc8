import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { unsafeLoadUser } from '../../server/src/auth/acting-user.js';
import { verifyPassword } from '../../server/src/auth/password-hash.js';
import { main } from '../../server/src/cli/main.js';
import { withSystemContext } from '../../server/src/cli/system-context.js';
import { loadConfig } from '../../server/src/config.js';
import { createCustomer } from '../../server/src/customers/create-customer.js';
import { deleteCustomer } from '../../server/src/customers/delete-customer.js';
import { startCustomerPurge } from '../../server/src/customers/start-customer-purge.js';
import { openDatabase } from '../../server/src/db/client.js';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { users } from '../../server/src/db/schema/users.js';
import { packagePath } from '../../server/src/package-root.js';
import { websites } from '../../server/src/websites/websites.table.js';
import { scratchInstall } from '../helpers/scratch-install.js';

const slow = { timeout: 180_000 };

/** Runs `keel …` in this process and returns its exit code and what it printed. */
async function keel(...argv: string[]) {
  const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const code = await main(argv);
    const text = (spy: typeof out) => spy.mock.calls.map((call) => call.join(' ')).join('\n');
    return { code, stdout: text(out), stderr: text(err) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A fresh install whose environment the commands run in, for the file's describe block. */
async function installedForCommands() {
  const install = await scratchInstall();
  const saved = { ...process.env };
  beforeAll(() => Object.assign(process.env, install.env));
  afterAll(async () => {
    process.env = saved;
    await install.remove();
  });
  return install;
}

describe('the keel command', slow, async () => {
  const install = await installedForCommands();
  const database = () => openDatabase(loadConfig(install.env));

  it('shows its commands with --help, and usage for each command', async () => {
    const help = await keel('--help');
    expect(help.code).toBe(0);
    for (const command of ['start', 'migrate', 'admin'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    for (const command of ['start', 'migrate', 'admin']) {
      const usage = await keel(command, '--help');
      expect(usage.code).toBe(0);
      expect(usage.stdout).toMatch(new RegExp(`^keel ${command}`));
    }
    expect((await keel('admin', 'create', '--help')).stdout).toMatch(/--email EMAIL/);
  });

  it('exits 2 with the overview for no command or an unknown one', async () => {
    expect((await keel()).code).toBe(2);
    const unknown = await keel('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });

  it('migrates, and migrating again changes nothing', async () => {
    expect(await keel('migrate')).toMatchObject({ code: 0, stdout: 'Database is up to date.' });
    expect(await keel('migrate')).toMatchObject({ code: 0, stdout: 'Database is up to date.' });
    const handle = await database();
    const result = (await handle.db.execute(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )) as unknown as {
      rows: { n: number }[];
    };
    await handle.close();
    const journal = await import('../../server/src/db/migrations/meta/_journal.json', {
      with: { type: 'json' },
    });
    expect(result.rows[0]?.n).toBe(journal.default.entries.length);
  });

  it('creates an admin with a generated password printed once', async () => {
    const created = await keel('admin', 'create', '--email', ' Ops@Example.test ', '--name', 'Ops Team');
    expect(created.code).toBe(0);
    const password = /^Password \(shown only this once\): (\S+)$/m.exec(created.stdout)?.[1] as string;
    expect(created.stdout).toMatch(/^Admin created: ops@example\.test$/m);
    expect(password.length).toBeGreaterThanOrEqual(23);
    const handle = await database();
    const admin = await unsafeLoadUser(handle.db, { email: 'ops@example.test' });
    await handle.close();
    expect(admin?.user).toMatchObject({ role: 'admin', name: 'Ops Team' });
    expect(await verifyPassword(admin?.passwordHash as string, password)).toBe(true);
  });

  it('refuses a taken email, a missing one and one that is not an email', async () => {
    const taken = await keel('admin', 'create', '--email', 'OPS@example.test');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);
    expect((await keel('admin', 'create')).code).toBe(2);
    expect((await keel('admin', 'delete', '--email', 'x@example.test')).code).toBe(2);
    const invalid = await keel('admin', 'create', '--email', 'not an email');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/not an email address/);
    expect((await keel('admin', 'create', '--email', 'a@example.test', '--role', 'root')).code).toBe(1);
  });

  it('turns off the two-factor sign-in of a user who lost its app and its recovery codes, audited', async () => {
    const handle = await database();
    await handle.db
      .update(users)
      .set({ twoFactorSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', twoFactorEnabledAt: new Date() })
      .where(eq(users.email, 'ops@example.test'));
    await handle.close();
    const reset = await keel('user', 'reset-two-factor', '--email', 'OPS@example.test');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/is off; its sessions ended/);
    const after = await database();
    const [row] = await after.db
      .select({ secret: users.twoFactorSecret, enabledAt: users.twoFactorEnabledAt })
      .from(users)
      .where(eq(users.email, 'ops@example.test'));
    const [event] = await after.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'auth.two_factor_reset'));
    await after.close();
    expect(row).toEqual({ secret: null, enabledAt: null });
    expect(event).toMatchObject({ actorRole: 'system', details: { email: 'ops@example.test', wasOn: true } });
    const unknown = await keel('user', 'reset-two-factor', '--email', 'nobody@example.test');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/User not found/);
    expect((await keel('user', 'reset-two-factor')).code).toBe(2);
  });

  it('refuses to migrate a database a newer Keel has migrated', async () => {
    const handle = await database();
    await handle.db.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', ${Date.now() + 10 ** 11})`,
    );
    await handle.close();
    const refused = await keel('migrate');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/newer version of Keel/);
  });
});

describe('keel doctor', slow, async () => {
  await installedForCommands();

  it('finds all in order on a fresh install with no service configured', async () => {
    const doctor = await keel('doctor');
    expect(doctor).toMatchObject({ code: 0 });
    expect(doctor.stdout).toMatch(/All in order \(checked: no service configured\)/);
  });

  it("lists a purge that waits for a resource its service no longer takes down, with the service's error", async () => {
    const customerId = await withSystemContext(async (ctx) => {
      const { customer } = await createCustomer(ctx, {
        firstName: 'Wanda',
        lastName: 'Waiting',
        email: 'wanda@example.test',
      });
      await ctx.db.insert(websites).values({
        customerId: customer.id,
        domain: 'still-served.example.org',
        appliedGeneration: 1,
        appliedState: 'live',
        provisioningState: 'pending',
        provisioningError: 'websites are not provisioned: KEEL_WEB_PORT is not set',
      });
      await deleteCustomer(ctx, customer.id);
      await startCustomerPurge(ctx, customer.id);
      return customer.id;
    });
    const doctor = await keel('doctor');
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('Purges waiting for a service:');
    expect(doctor.stdout).toContain(`customer ${customerId} wanda@example.test:`);
    expect(doctor.stdout).toMatch(
      /website still-served\.example\.org \(.+\): websites are not provisioned: KEEL_WEB_PORT is not set/,
    );
  });
});

const built = existsSync(packagePath('dist/server/src/cli/main.js'));

describe.runIf(built)('bin/keel.js, as installed', slow, async () => {
  const install = await scratchInstall();
  let child: ChildProcess | undefined;
  afterEach(() => child?.kill('SIGKILL'));
  afterAll(() => install.remove());

  /** Starts `keel start` and resolves with the address once it says it is listening. */
  const start = () =>
    new Promise<{ url: string; output: () => string }>((resolve, reject) => {
      child = spawn(process.execPath, [packagePath('bin/keel.js'), 'start'], {
        env: {
          ...process.env,
          ...install.env,
          KEEL_ADMIN_EMAIL: 'bin@example.test',
          KEEL_ADMIN_PASSWORD: 'a long and private passphrase',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /Keel is listening on (http:\/\/\S+)/.exec(output)?.[1];
        if (url) resolve({ url, output: () => output });
      };
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      child.on('exit', (code) => reject(new Error(`keel start exited with ${code}: ${output}`)));
    });
  const exited = () => new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));

  it('prints its help', async () => {
    const help = spawn(process.execPath, [packagePath('bin/keel.js'), '--help']);
    let output = '';
    help.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    expect(await new Promise((resolve) => help.on('exit', resolve))).toBe(0);
    expect(output).toMatch(/Usage: keel <command>/);
  });

  it.skipIf(install.env.DATABASE_URL)(
    'holds its embedded database: an operator command is refused while it runs, and takes over once it is killed',
    async () => {
      await start();
      const saved = process.env;
      process.env = { ...saved, ...install.env };
      try {
        const refused = await keel('migrate');
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`is open in another Keel process (pid ${child?.pid})`);
        const killed = exited();
        child?.kill('SIGKILL');
        await killed;
        // Its lock is left behind, naming a process that is gone.
        expect(existsSync(`${install.env.KEEL_DATA_DIR}/pglite.lock`)).toBe(true);
        expect(await keel('migrate')).toMatchObject({ code: 0, stdout: 'Database is up to date.' });
        expect(existsSync(`${install.env.KEEL_DATA_DIR}/pglite.lock`)).toBe(false);
      } finally {
        process.env = saved;
      }
    },
  );

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves, and stops gracefully on ${signal}`, async () => {
      const { url, output } = await start();
      expect((await fetch(`${url}/api/v1/auth/session`)).status).toBe(401);
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'bin@example.test', password: 'a long and private passphrase' }),
      });
      expect(login.status).toBe(200);
      const exit = exited();
      child?.kill(signal);
      expect(await exit).toBe(0);
      expect(output()).toMatch(new RegExp(`Received ${signal}, stopping Keel`));
      expect(output()).toMatch(/Keel stopped\./);
      // Stopped cleanly, it leaves its embedded database free for the next process.
      expect(existsSync(`${install.env.KEEL_DATA_DIR}/pglite.lock`)).toBe(false);
    });
  }
});
