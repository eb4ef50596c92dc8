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

    // A Keel from before the upgrade: customers whose site was applied, each home Keel's own
    // (root, world-readable, as that Keel made it), one customer suspended since.
    const handle = await emptyDatabase();
    await migrate(handle, oldMigrations);
    const webPort = await freePort();
    const before = await startTestServices(homesDir, { dataDir, webPort });
    const nginx = before.driverOf(websiteKind);
    if (!nginx) throw new Error('nginx did not start');
    const oldCustomer = async (name: string, status: 'active' | 'suspended') => {
      const email = `${name}@handover.test`;
      const domain = `${name}.handover.test`;
      const [user] = await selectRows<{ id: string }>(
        handle.db,
        sql`insert into users (email, name, role, password_hash)
            values (${email}, ${name}, 'customer', 'x') returning id`,
      );
      const [customer] = await selectRows<{ id: string }>(
        handle.db,
        sql`insert into customers (user_id, first_name, last_name, email, site_count, status, suspended_at, suspend_reason)
            values (${user?.id}, ${name}, 'Old', ${email}, 1, ${status},
                    ${status === 'suspended' ? sql`now()` : null}, ${status === 'suspended' ? 'unpaid' : null})
            returning id`,
      );
      const [website] = await selectRows<{ id: string }>(
        handle.db,
        sql`insert into websites (customer_id, domain, desired_generation, applied_generation, applied_state, provisioning_state)
            values (${customer?.id}, ${domain}, 1, 1, ${status === 'active' ? 'live' : 'suspended'}, 'ready') returning id`,
      );
      if (!customer || !website) throw new Error('the old rows were not made');
      // That Keel's nginx applied the site: its vhost, and the home it made with no uid to give.
      const site = { id: website.id, customerId: customer.id, domain, uid: undefined };
      expect(await nginx.apply([{ ...site, state: 'live' }])).toEqual([{ id: website.id, ok: true }]);
      if (status === 'suspended') {
        expect(await nginx.apply([{ ...site, state: 'suspended' }])).toEqual([{ id: website.id, ok: true }]);
      }
      const home = path.join(homesDir, customer.id);
      const publicDir = path.join(home, 'sites', website.id, 'public');
      await writeFile(path.join(publicDir, 'index.html'), `<h1>${name}, before the upgrade</h1>`);
      expect((await stat(home)).uid).toBe(0);
      await writeFile(path.join(home, 'notes.txt'), 'kept', { mode: 0o664 });
      return { id: customer.id, domain, home, publicDir };
    };
    const olga = await oldCustomer('olga', 'active');
    const sam = await oldCustomer('sam', 'suspended');
    await before.stop();
    // A link the customer made: handed over itself, never what it points at.
    const target = path.join(dataDir, 'not-the-customers.txt');
    await writeFile(target, 'Keel only', { mode: 0o600 });
    await symlink(target, path.join(olga.home, 'link'));

    await migrate(handle);
    // The upgraded Keel: nothing drifted (the vhosts are there), only the upgrade asks for the sites again.
    const keel = await testApp({ handle, homesDir });
    const services = await startReconciler(keel, { dataDir, webPort });
    const group = await webGroupId();

    const uidOf = async (customerId: string) => {
      const [row] = await selectRows<{ uid: number }>(
        handle.db,
        sql`select system_uid as uid from customers where id = ${customerId}`,
      );
      expect(row?.uid).toBeGreaterThanOrEqual(200_000);
      return row?.uid;
    };
    /** The home and everything in it are the customer's, with nginx's group, nothing for others. */
    const expectHandedOver = async (customer: typeof olga) => {
      const uid = await uidOf(customer.id);
      for (const entry of await entriesUnder(customer.home)) {
        const info = await lstat(entry);
        expect({ entry, uid: info.uid, gid: info.gid }).toEqual({ entry, uid, gid: group });
        if (info.isDirectory()) expect({ entry, mode: info.mode & 0o7777 }).toEqual({ entry, mode: 0o2750 });
        else if (info.isFile()) expect({ entry, others: info.mode & 0o007 }).toEqual({ entry, others: 0 });
      }
      expect((await stat(path.join(customer.publicDir, 'index.html'))).mode & 0o777).toBe(0o640);
      expect(await readFile(path.join(customer.home, 'notes.txt'), 'utf8')).toBe('kept');
    };
    const expectServed = (customer: typeof olga, name: string) =>
      eventually(async () => {
        const answer = await get(webPort, customer.domain);
        expect(answer.status).toBe(200);
        expect(answer.body).toBe(`<h1>${name}, before the upgrade</h1>`);
      }, 15_000);

    it("gives an active customer's home and everything in it to its uid, links not followed, and nginx still serves it", async () => {
      await services.reconciler.settle();
      await expectHandedOver(olga);
      const untouched = await stat(target);
      expect({ uid: untouched.uid, mode: untouched.mode & 0o777 }).toEqual({ uid: 0, mode: 0o600 });
      await expectServed(olga, 'olga');
    });

    it("leaves a suspended customer's files as they are until it is reactivated, then hands them over", async () => {
      expect((await stat(sam.home)).uid).toBe(0);
      expect((await get(webPort, sam.domain)).status).toBe(503);
      const admin = await keel.admin();
      expect((await admin.post(`/customers/${sam.id}/reactivate`)).statusCode).toBe(200);
      await services.reconciler.settle();
      await expectHandedOver(sam);
      await expectServed(sam, 'sam');
    });
  },
);
