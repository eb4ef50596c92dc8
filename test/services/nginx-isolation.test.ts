import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteFile } from '../../server/src/provisioning/drivers/nginx/layout.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { checkInventory } from '../../server/src/provisioning/inventory.js';
import { websiteKind } from '../../server/src/websites/website-kind.js';
import { testApp } from '../helpers/app.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, expectWorkersShutOutBy, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const haveNginx = (await findNginxBinary()) !== undefined;

describe.skipIf(mustSkip('nginx', haveNginx))(
  'one broken site never holds up the others (real nginx)',
  async () => {
    const dataDir = await sharedTempDir('isolation');
    const keel = await testApp({ homesDir: path.join(dataDir, 'homes') });
    const webPort = await freePort();
    const services = await startReconciler(keel, { dataDir, webPort });
    const nginx = services.drivers.driverOf(websiteKind)?.nginx;
    if (!nginx) throw new Error('nginx did not start');
    const admin = await keel.admin();
    const settle = () => services.reconciler.settle();
    const status = async (domain: string) => (await get(webPort, domain)).status;

    async function newSite(domain: string) {
      const customer = await makeCustomerOf(keel, null);
      const base = `/customers/${customer.id}`;
      const site = (await admin.post(`${base}/websites`, { domain })).json();
      return { customer: base, path: `${base}/websites/${site.id}`, id: site.id as string, domain };
    }
    const provisioning = async (site: { path: string }) => (await admin.get(site.path)).json().provisioning;
    const findings = async () => checkInventory(keel.handle.db, services.drivers.kinds);

    it('suspends another customer at once while a vhost broken by hand is set aside with its error', async () => {
      const broken = await newSite('broken.isolation.test');
      const other = await newSite('other.isolation.test');
      await settle();
      await eventually(async () => expect(await status(other.domain)).toBe(200));
      // A hand edit nginx rejects, in a file only Keel should write.
      const file = siteFile(nginx.layout, broken.id);
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace('server {', 'server {\n    no_such_directive on;'),
      );

      const started = Date.now();
      expect((await admin.post(`${other.customer}/suspend`, { reason: 'unpaid' })).statusCode).toBe(200);
      await eventually(async () => expect(await status(other.domain)).toBe(503), 5000);
      console.log(`suspension in effect ${Date.now() - started} ms after the request, beside a broken vhost`);

      await eventually(async () =>
        expect(await provisioning(broken)).toMatchObject({
          state: 'error',
          error: expect.stringMatching(/set aside.*unknown directive "no_such_directive"/),
        }),
      );
      expect(await findings()).toContainEqual({ problem: 'orphan', kind: 'vhost-held', name: broken.id });

      // At its retry time Keel writes the vhost again from what the panel says.
      keel.clock.advanceMinutes(1);
      await settle();
      expect(await provisioning(broken)).toMatchObject({ state: 'ready' });
      await eventually(async () => expect(await status(broken.domain)).toBe(200));
      expect(await readFile(file, 'utf8')).not.toContain('no_such_directive');
      expect(await findings()).toEqual([]);
    });

    it('removes temporary vhost files left by a crash at the next start; doctor reports them until then', async () => {
      const site = await newSite('leftovers.isolation.test');
      await settle();
      // What a Keel killed inside writeFileAtomic leaves: a half-written temp file per vhost.
      const planted = [
        path.join(nginx.layout.sitesDir, `.${site.id}.conf.0123456789ab.tmp`),
        path.join(nginx.layout.sitesDir, `.${site.id}.conf.ba9876543210.tmp`),
        path.join(path.dirname(nginx.layout.confFile), '.sites-check.00aa11bb22cc.tmp'),
      ];
      for (const temp of planted) await writeFile(temp, '# Keel website, cut off mid-wr');
      const reported = (await findings()).filter((finding) => finding.kind === 'vhost-temp');
      expect(reported.map((finding) => path.join(nginx.layout.prefix, finding.name)).sort()).toEqual(
        [...planted].sort(),
      );

      await nginx.stop();
      await nginx.start();
      const left = [
        ...(await readdir(nginx.layout.sitesDir)),
        ...(await readdir(path.dirname(nginx.layout.confFile))),
      ].filter((name) => name.endsWith('.tmp'));
      expect(left).toEqual([]);
      expect(await findings()).toEqual([]);
      await eventually(async () => expect(await status(site.domain)).toBe(200));
    });

    it.skipIf(process.getuid?.() !== 0)(
      'shows error, not ready, for sites nginx cannot read when the homes are closed to its workers',
      async () => {
        const existing = await newSite('existing.isolation.test');
        await settle();
        await eventually(async () => expect(await status(existing.domain)).toBe(200));
        const homes = keel.homesDir;
        // The workers must really be shut out: they run as another user than the homes' owner.
        await expectWorkersShutOutBy(nginx.pid as number, homes);
        await chmod(homes, 0o700);
        try {
          const added = await newSite('added.isolation.test');
          await admin.patch(existing.path, { enabled: false });
          await settle();
          await admin.patch(existing.path, { enabled: true });
          await settle();
          for (const site of [added, existing]) {
            expect(await provisioning(site)).toMatchObject({
              state: 'error',
              error: expect.stringMatching(/answers 404 .*not readable by nginx's workers/),
            });
          }
          await chmod(homes, 0o755);
          keel.clock.advanceMinutes(1);
          await settle();
          for (const site of [added, existing]) {
            expect(await provisioning(site)).toMatchObject({ state: 'ready' });
            expect(await status(site.domain)).toBe(200);
          }
        } finally {
          await chmod(homes, 0o755);
        }
      },
    );
  },
);
