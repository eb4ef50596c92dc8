import {
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrationsFolder } from '../../server/src/db/migrate.js';
import { selectRows } from '../../server/src/db/raw.js';
import { webGroupId } from '../../server/src/provisioning/drivers/files/home-owner.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { websiteKind } from '../../server/src/websites/website-kind.js';
import { testApp } from '../helpers/app.js';
import { emptyDatabase } from '../helpers/database.js';
import { startReconciler, startTestServices } from '../helpers/reconciler.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

type Journal = { entries: { tag: string }[] };

/** A copy of the migrations up to, not including, the one that gave customers their own uid. */
async function migrationsBeforeSystemUids(): Promise<string> {
  const journal = JSON.parse(
    await readFile(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as Journal;
  const sqlOf = (tag: string) => readFile(path.join(migrationsFolder, `${tag}.sql`), 'utf8');
  const entries: Journal['entries'] = [];
  for (const entry of journal.entries) {
    if ((await sqlOf(entry.tag)).includes('system_uid')) break;
    entries.push(entry);
  }
  expect(entries.length).toBeLessThan(journal.entries.length);
  const folder = await mkdtemp(path.join(tmpdir(), 'keel-old-migrations-'));
  await mkdir(path.join(folder, 'meta'));
  await writeFile(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const { tag } of entries)
    await copyFile(path.join(migrationsFolder, `${tag}.sql`), path.join(folder, `${tag}.sql`));
  return folder;
}

/** Every entry below `dir`, itself included, links not followed. */
async function entriesUnder(dir: string): Promise<string[]> {
  const found = [dir];
  if (!(await lstat(dir)).isDirectory()) return found;
  for (const child of await readdir(dir)) found.push(...(await entriesUnder(path.join(dir, child))));
  return found;
}

const isRoot = process.getuid?.() === 0;
const haveNginx = (await findNginxBinary()) !== undefined;

describe.skipIf(mustSkip('nginx, run as root', haveNginx && isRoot))(
  'upgrading to customers with their own uid: an existing home is handed over',
  { timeout: 120_000 },
  async () => {
    const dataDir = await sharedTempDir('handover');
    const homesDir = path.join(dataDir, 'homes');
    const oldMigrations = await migrationsBeforeSystemUids();
    afterAll(() => rm(oldMigrations, { recursive: true, force: true }));

    // A Keel from before the upgrade: a customer whose site was applied, its home Keel's own
    // (root, world-readable, as that Keel made it), and the customer's own files in it.
    const handle = await emptyDatabase();
    await migrate(handle, oldMigrations);
    const [user] = await selectRows<{ id: string }>(
      handle.db,
      sql`insert into users (email, name, role, password_hash)
          values ('old@handover.test', 'Olga Old', 'customer', 'x') returning id`,
    );
    const [customer] = await selectRows<{ id: string }>(
      handle.db,
      sql`insert into customers (user_id, first_name, last_name, email, site_count)
          values (${user?.id}, 'Olga', 'Old', 'old@handover.test', 1) returning id`,
    );
    const [website] = await selectRows<{ id: string }>(
      handle.db,
      sql`insert into websites (customer_id, domain, desired_generation, applied_generation, applied_state, provisioning_state)
          values (${customer?.id}, 'old.handover.test', 1, 1, 'live', 'ready') returning id`,
    );
    if (!customer || !website) throw new Error('the old rows were not made');
    // The old Keel's nginx applied the site: its vhost, and the home it made with no uid to give.
    const webPort = await freePort();
    const before = await startTestServices(homesDir, { dataDir, webPort });
    const nginx = before.driverOf(websiteKind);
    if (!nginx) throw new Error('nginx did not start');
    const applied = await nginx.apply([
      { id: website.id, customerId: customer.id, domain: 'old.handover.test', uid: undefined, state: 'live' },
    ]);
    await before.stop();
    expect(applied).toEqual([{ id: website.id, ok: true }]);
    const home = path.join(homesDir, customer.id);
    const publicDir = path.join(home, 'sites', website.id, 'public');
    await writeFile(path.join(publicDir, 'index.html'), '<h1>made before the upgrade</h1>');
    expect((await stat(home)).uid).toBe(0);
    await writeFile(path.join(home, 'notes.txt'), 'kept', { mode: 0o664 });
    // A link the customer made: handed over itself, never what it points at.
    const target = path.join(dataDir, 'not-the-customers.txt');
    await writeFile(target, 'Keel only', { mode: 0o600 });
    await symlink(target, path.join(home, 'link'));

    await migrate(handle);
    // The upgraded Keel: nothing drifted (the vhost is there), only the upgrade asks for the site again.
    const keel = await testApp({ handle, homesDir });
    const services = await startReconciler(keel, { dataDir, webPort });

    it("gives the home and everything in it to the customer's uid, nothing left for others, and nginx still serves it", async () => {
      const [row] = await selectRows<{ uid: number }>(
        handle.db,
        sql`select system_uid as uid from customers where id = ${customer.id}`,
      );
      const uid = row?.uid;
      expect(uid).toBeGreaterThanOrEqual(200_000);
      const group = await webGroupId();
      await services.reconciler.settle();
      for (const entry of await entriesUnder(home)) {
        const info = await lstat(entry);
        expect({ entry, uid: info.uid, gid: info.gid }).toEqual({ entry, uid, gid: group });
        if (info.isDirectory()) expect({ entry, mode: info.mode & 0o7777 }).toEqual({ entry, mode: 0o2750 });
        else if (info.isFile()) expect({ entry, others: info.mode & 0o007 }).toEqual({ entry, others: 0 });
      }
      expect((await stat(path.join(publicDir, 'index.html'))).mode & 0o777).toBe(0o640);
      expect(await readFile(path.join(home, 'notes.txt'), 'utf8')).toBe('kept');
      const untouched = await stat(target);
      expect({ uid: untouched.uid, mode: untouched.mode & 0o777 }).toEqual({ uid: 0, mode: 0o600 });
      await eventually(async () => {
        const answer = await get(webPort, 'old.handover.test');
        expect(answer.status).toBe(200);
        expect(answer.body).toBe('<h1>made before the upgrade</h1>');
      }, 15_000);
    });
  },
);
