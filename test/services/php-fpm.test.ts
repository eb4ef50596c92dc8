import { chown, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customers } from '../../server/src/db/schema/customers.js';
import { findDrift, repairDrift } from '../../server/src/provisioning/drift.js';
import { webGroupId } from '../../server/src/provisioning/drivers/files/home-owner.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { phpFpmLayout, poolFile } from '../../server/src/provisioning/drivers/php-fpm/layout.js';
import { installedPhpVersions } from '../../server/src/provisioning/drivers/php-fpm/php-versions.js';
import { websiteKind } from '../../server/src/websites/website-kind.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { localStore, startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const versions = await installedPhpVersions();
const isRoot = process.getuid?.() === 0;
const haveServices = (await findNginxBinary()) !== undefined && versions.length > 0;

/** The pids of every process running as `uid` (its real uid), from /proc. */
async function processesOf(uid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) === uid) found.push(Number(entry));
  }
  return found;
}

describe.skipIf(mustSkip('nginx and php-fpm, run as root', haveServices && isRoot))(
  "PHP per customer on Keel's own php-fpm, through Keel's nginx",
  { timeout: 120_000 },
  async () => {
    const dataDir = await sharedTempDir('php');
    const keel = await testApp({ homesDir: path.join(dataDir, 'homes') });
    const webPort = await freePort();
    const services = await startReconciler(keel, { dataDir, webPort });
    const admin = await keel.admin();
    const newest = versions.at(-1) as string;
    const layout = phpFpmLayout(path.join(dataDir, 'php-fpm'), newest);

    const uidOf = async (customerId: string) => {
      const [row] = await keel.handle.db
        .select({ uid: customers.systemUid })
        .from(customers)
        .where(eq(customers.id, customerId));
      return row?.uid as number;
    };
    const settled = (customerId: string, siteId: string) =>
      eventually(async () => {
        const read = await admin.get(`/customers/${customerId}/websites/${siteId}`);
        expect(read.json().provisioning).toMatchObject({ state: 'ready' });
        return read.json();
      }, 20_000);
    /** A file of the customer's, as FTP would have put it there. */
    const upload = async (customerId: string, documentRoot: string, name: string, content: string) => {
      const file = path.join(documentRoot, name);
      await writeFile(file, content, { mode: 0o640 });
      await chown(file, await uidOf(customerId), await webGroupId());
    };
    const site = async (customerId: string, domain: string) => {
      const created = await admin.post(`/customers/${customerId}/websites`, { domain });
      expect(created.statusCode).toBe(201);
      return settled(customerId, created.json().id);
    };

    const alice = await makeCustomerOf(keel, null);
    const bob = await makeCustomerOf(keel, null);
    const aliceSite = await site(alice.id, 'alice-php.test');
    const bobSite = await site(bob.id, 'bob-php.test');
    await upload(bob.id, bobSite.documentRoot, 'secret.txt', 'bob only');

    it('lists the installed versions and refuses any other (422, nothing changed)', async () => {
      const listed = await (await alice.login()).get('/settings/php-versions');
      expect(listed.statusCode).toBe(200);
      expect(listed.json()).toEqual({ versions });
      const refused = await admin.patch(`/customers/${alice.id}/websites/${aliceSite.id}`, {
        php: { enabled: true, version: '5.6' },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors).toEqual([
        { field: '/php/version', message: 'not installed on this server' },
      ]);
      const read = await admin.get(`/customers/${alice.id}/websites/${aliceSite.id}`);
      expect(read.json().php).toEqual({ enabled: false, version: null });
    });

    it("runs a PHP site as its customer's own user, confined to its home", async () => {
      const switched = await admin.patch(`/customers/${alice.id}/websites/${aliceSite.id}`, {
        php: { enabled: true },
      });
      expect(switched.statusCode).toBe(200);
      expect(switched.json().php).toEqual({ enabled: true, version: newest });
      await settled(alice.id, aliceSite.id);
      const bobSecret = path.join(bobSite.documentRoot, 'secret.txt');
      await upload(alice.id, aliceSite.documentRoot, 'index.php', '<?php echo getmyuid();');
      await upload(
        alice.id,
        aliceSite.documentRoot,
        'probe.php',
        `<?php
echo json_encode([
  'uid' => posix_geteuid(),
  'gid' => posix_getegid(),
  'groups' => posix_getgroups(),
  'other' => @file_get_contents(${JSON.stringify(bobSecret)}),
  'wrote' => file_put_contents(__DIR__ . '/written.txt', 'by php'),
  'temp' => sys_get_temp_dir(),
]);`,
      );
      const uid = await uidOf(alice.id);
      // `ready` only once no nginx worker of the vhost before takes a connection: at once, PHP.
      expect(await get(webPort, 'alice-php.test', '/')).toMatchObject({ status: 200, body: String(uid) });
      const probe = await get(webPort, 'alice-php.test', '/probe.php');
      expect(probe.status).toBe(200);
      expect(JSON.parse(probe.body)).toEqual({
        uid,
        // A group of its own, never nginx's, which may read every customer's home.
        gid: uid,
        // posix_getgroups() names the effective group too; nothing of Keel's or nginx's.
        groups: [uid],
        other: false,
        wrote: 6,
        temp: path.join(keel.homesDir, alice.id, 'tmp'),
      });
      expect((await stat(path.join(aliceSite.documentRoot, 'written.txt'))).uid).toBe(uid);
      // A site without PHP serves a .php file as it is, never through another customer's pool.
      await upload(bob.id, bobSite.documentRoot, 'page.php', '<?php echo getmyuid();');
      expect((await get(webPort, 'bob-php.test', '/page.php')).body).toBe('<?php echo getmyuid();');
      // Only nginx's workers open the pool's socket.
      const socket = await stat(path.join(layout.socketsDir, `${alice.id}.sock`));
      expect(socket.mode & 0o777).toBe(0o600);
      expect(socket.uid).not.toBe(uid);
    });

    it('records the change in the audit log', async () => {
      const events = await auditedAs(keel, 'website.updated');
      expect(events.map((event) => event.details)).toContainEqual(
        expect.objectContaining({
          php: { from: { enabled: false, version: null }, to: { enabled: true, version: newest } },
        }),
      );
    });

    it('runs nothing of a suspended customer and brings it back on reactivation', async () => {
      const uid = await uidOf(alice.id);
      expect((await get(webPort, 'alice-php.test', '/')).body).toBe(String(uid));
      expect((await admin.post(`/customers/${alice.id}/suspend`, { reason: 'unpaid' })).statusCode).toBe(200);
      await settled(alice.id, aliceSite.id);
      // Its pool is gone: a worker of the vhost before, still passing to it, would answer 502.
      expect((await get(webPort, 'alice-php.test', '/index.php')).status).toBe(503);
      await expect(readFile(poolFile(layout, alice.id))).rejects.toThrow(/ENOENT/);
      expect(await readdir(layout.socketsDir)).not.toContain(`${alice.id}.sock`);
      await eventually(async () => expect(await processesOf(uid)).toEqual([]), 15_000);

      expect((await admin.post(`/customers/${alice.id}/reactivate`)).statusCode).toBe(200);
      await settled(alice.id, aliceSite.id);
      expect(await get(webPort, 'alice-php.test', '/')).toMatchObject({ status: 200, body: String(uid) });
    });

    it('takes the pool away when the site or its PHP is switched off', async () => {
      const off = await admin.patch(`/customers/${alice.id}/websites/${aliceSite.id}`, {
        php: { enabled: false },
      });
      expect(off.json().php).toEqual({ enabled: false, version: newest });
      await settled(alice.id, aliceSite.id);
      await expect(readFile(poolFile(layout, alice.id))).rejects.toThrow(/ENOENT/);
      const on = await admin.patch(`/customers/${alice.id}/websites/${aliceSite.id}`, {
        php: { enabled: true },
      });
      expect(on.json().php).toEqual({ enabled: true, version: newest });
      await settled(alice.id, aliceSite.id);
      expect((await get(webPort, 'alice-php.test', '/')).status).toBe(200);
    });

    it('rewrites a pool file edited or removed by hand', async () => {
      const file = poolFile(layout, alice.id);
      const written = await readFile(file, 'utf8');
      await writeFile(
        file,
        written.replace(/^php_admin_value\[open_basedir\].*$/m, 'php_admin_value[open_basedir] = /'),
      );
      const website = services.drivers.kinds.find((entry) => entry.kind === websiteKind);
      if (!website) throw new Error('no website kind');
      const report = await findDrift(localStore(keel), website, { setAside: false });
      expect(report?.drifted).toEqual([
        { id: aliceSite.id, differences: [`PHP ${newest} pool differs from what Keel writes`] },
      ]);
      await repairDrift(localStore(keel), services.drivers.kinds);
      await eventually(async () => expect(await readFile(file, 'utf8')).toBe(written), 15_000);
      await settled(alice.id, aliceSite.id);
      await rm(file);
      await repairDrift(localStore(keel), services.drivers.kinds);
      await eventually(async () => expect(await readFile(file, 'utf8')).toBe(written), 15_000);
      await settled(alice.id, aliceSite.id);
      expect(await auditedAs(keel, 'website.repaired')).toHaveLength(2);
      const foreign = path.join(layout.poolsDir, 'extra.conf');
      await writeFile(foreign, '[extra]\nuser = 0\n');
      await repairDrift(localStore(keel), services.drivers.kinds);
      expect(await readdir(layout.poolsDir)).not.toContain('extra.conf');
      expect(await readdir(layout.poolsForeignDir)).toHaveLength(1);
      const [set] = await auditedAs(keel, 'service.file_set_aside');
      expect(set?.details).toMatchObject({ service: 'websites', file: foreign });
      expect((await get(webPort, 'alice-php.test', '/')).status).toBe(200);
    });

    it("removes the pool with the customer's last PHP site, and its workers with it", async () => {
      const uid = await uidOf(alice.id);
      expect((await get(webPort, 'alice-php.test', '/')).body).toBe(String(uid));
      expect((await admin.delete(`/customers/${alice.id}/websites/${aliceSite.id}`)).statusCode).toBe(204);
      await services.reconciler.settle();
      await eventually(async () => {
        await expect(readFile(poolFile(layout, alice.id))).rejects.toThrow(/ENOENT/);
        expect(await readdir(layout.socketsDir)).not.toContain(`${alice.id}.sock`);
        expect(await processesOf(uid)).toEqual([]);
      }, 15_000);
    });
  },
);
