import { existsSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import * as acme from 'acme-client';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { certificateWorker } from '../../server/src/certificates/certificate-worker.js';
import { nginxLayout, siteCertificateFiles } from '../../server/src/provisioning/drivers/nginx/layout.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { websites } from '../../server/src/websites/websites.table.js';
import { testApp } from '../helpers/app.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { selfSignedCertificate } from '../helpers/self-signed.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';
import { startPebble } from './pebble.js';
import { servedCertificate } from './served-certificate.js';

const havePebble = existsSync('/usr/bin/pebble') && existsSync('/usr/bin/pebble-challtestsrv');
const haveServices = (await findNginxBinary()) !== undefined && havePebble;
const DAY_MS = 24 * 3600 * 1000;

/** GET over HTTPS on the TLS port with SNI and Host set to the domain, trusting only `root`. */
function getHttps(port: number, domain: string, root: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.get(
      {
        host: '127.0.0.1',
        port,
        servername: domain,
        headers: { host: domain },
        ca: root,
        agent: false,
        path: '/',
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
  });
}

describe.skipIf(mustSkip('nginx and pebble', haveServices))(
  'HTTPS certificates from an ACME CA (pebble)',
  async () => {
    const dataDir = await sharedTempDir('acme');
    const webPort = await freePort();
    const tlsPort = await freePort();
    const pebbleDir = await sharedTempDir('pebble');
    const pebble = await startPebble(pebbleDir, { httpPort: webPort, tlsPort });
    // acme-client speaks to the CA through its own axios: trust the CA pebble's listener uses.
    acme.axios.defaults.httpsAgent = new https.Agent({ ca: pebble.listenerCa });

    const keel = await testApp({ homesDir: path.join(dataDir, 'homes') });
    const services = await startReconciler(keel, { dataDir, webPort, webTlsPort: tlsPort });
    const worker = certificateWorker({
      db: keel.handle.db,
      signals: keel.system.signals,
      panelKey: keel.system.panelKey,
      log: { info: () => undefined, warn: () => undefined },
      dataDir,
      directoryUrl: pebble.directoryUrl,
      email: null,
      intervalMs: 3_600_000,
      now: keel.clock.now,
    });
    await worker.start();
    afterAll(() => worker.stop());
    const root = await pebble.issuingRoot();
    // Signed in again after the clock moves: a session ends after an idle hour.
    let admin = await keel.admin();
    const customer = await makeCustomerOf(keel, null);
    const base = `/customers/${customer.id}`;
    const settle = () => services.reconciler.settle();
    const site = (await admin.post(`${base}/websites`, { domain: 'shop.acme.test' })).json();
    const tlsOf = async (id: string) => (await admin.get(`${base}/websites/${id}`)).json().tls;

    it('orders a certificate by HTTP-01 through Keel’s nginx and serves it by SNI with its chain', async () => {
      await settle();
      const asked = await admin.patch(`${base}/websites/${site.id}`, { tls: { enabled: true } });
      expect(asked.statusCode).toBe(200);
      expect(asked.json().tls).toMatchObject({ state: 'pending', source: 'acme', redirectHttp: false });
      await worker.runNow();
      const issued = await tlsOf(site.id);
      expect(issued).toMatchObject({
        state: 'issued',
        source: 'acme',
        error: null,
        issuer: expect.stringMatching(/Pebble/),
      });
      expect(new Date(issued.expiresAt).getTime()).toBeGreaterThan(Date.now() + 80 * DAY_MS);
      await settle();
      await eventually(async () => {
        const served = await servedCertificate(tlsPort, site.domain, root);
        expect(served).toMatchObject({
          authorized: true,
          authorizationError: null,
          names: 'DNS:shop.acme.test',
        });
      });
      const page = await getHttps(tlsPort, site.domain, root);
      expect(page.status).toBe(200);
      expect(page.body).toContain('shop.acme.test');
      // The key: Keel and nginx's master only.
      const key = siteCertificateFiles(nginxLayout(path.join(dataDir, 'nginx')), site.id).privateKey;
      expect((await stat(key)).mode & 0o777).toBe(0o640);
      // A name no site has gets no certificate at all.
      await expect(servedCertificate(tlsPort, 'unknown.acme.test', root)).rejects.toThrow();
    });

    it('redirects HTTP to HTTPS when asked, and still answers the CA’s challenge over HTTP', async () => {
      const changed = await admin.patch(`${base}/websites/${site.id}`, { tls: { redirectHttp: true } });
      expect(changed.json().tls.redirectHttp).toBe(true);
      await settle();
      await eventually(async () => {
        const answer = await get(webPort, site.domain, '/page?x=1');
        expect(answer.status).toBe(301);
        expect(answer.headers.location).toBe(`https://shop.acme.test:${tlsPort}/page?x=1`);
      });
      const token = 'test-token-aaaaaaaaaaaaaaaaaaaa';
      await writeFile(path.join(nginxLayout(path.join(dataDir, 'nginx')).challengeDir, token), 'answer');
      const challenge = await get(webPort, site.domain, `/.well-known/acme-challenge/${token}`);
      expect(challenge).toMatchObject({ status: 200, body: 'answer' });
    });

    it('serves the suspended page over HTTPS and HTTP while suspended, and renews meanwhile', async () => {
      const before = await servedCertificate(tlsPort, site.domain, root);
      expect((await admin.post(`${base}/suspend`, { reason: 'unpaid' })).statusCode).toBe(200);
      await settle();
      await eventually(async () => {
        const page = await getHttps(tlsPort, site.domain, root);
        expect(page.status).toBe(503);
        expect(page.body).toContain('This site is suspended');
      });
      expect((await get(webPort, site.domain, '/any')).status).toBe(503);
      const renew = await admin.post(`${base}/websites/${site.id}/certificate/renew`);
      expect(renew.statusCode).toBe(202);
      await worker.runNow();
      expect(await tlsOf(site.id)).toMatchObject({ state: 'issued', error: null });
      await settle();
      await eventually(async () =>
        expect((await servedCertificate(tlsPort, site.domain, root)).serial).not.toBe(before.serial),
      );
      expect((await admin.post(`${base}/reactivate`)).statusCode).toBe(200);
      await settle();
      await eventually(async () => expect((await getHttps(tlsPort, site.domain, root)).status).toBe(200));
    });

    it('renews 30 days before expiry, not before', async () => {
      const before = await servedCertificate(tlsPort, site.domain, root);
      const { expiresAt } = await tlsOf(site.id);
      await worker.runNow();
      expect((await servedCertificate(tlsPort, site.domain, root)).serial).toBe(before.serial);
      const ahead = new Date(expiresAt).getTime() - 29 * DAY_MS - Date.now();
      keel.clock.advance(ahead);
      admin = await keel.admin();
      await worker.runNow();
      await settle();
      await eventually(async () =>
        expect((await servedCertificate(tlsPort, site.domain, root)).serial).not.toBe(before.serial),
      );
      expect((await tlsOf(site.id)).state).toBe('issued');
      // Back to the real time: pebble and openssl date what they make by it.
      keel.clock.advance(-ahead);
      admin = await keel.admin();
    });

    it('serves an uploaded certificate by SNI beside the CA’s, and drops it when HTTPS is switched off', async () => {
      const own = (await admin.post(`${base}/websites`, { domain: 'own.acme.test' })).json();
      const made = await selfSignedCertificate(['own.acme.test']);
      const uploaded = await admin.post(`${base}/websites/${own.id}/certificate`, made);
      expect(uploaded.body).toContain('issued');
      await settle();
      await eventually(async () =>
        expect(await servedCertificate(tlsPort, own.domain, made.certificate)).toMatchObject({
          authorized: true,
        }),
      );
      expect((await servedCertificate(tlsPort, site.domain, root)).authorized).toBe(true);
      await admin.patch(`${base}/websites/${own.id}`, { tls: { enabled: false } });
      await settle();
      await eventually(() =>
        expect(servedCertificate(tlsPort, own.domain, made.certificate)).rejects.toThrow(),
      );
      const files = siteCertificateFiles(nginxLayout(path.join(dataDir, 'nginx')), own.id);
      expect(existsSync(files.privateKey)).toBe(false);
    });

    it('shows the CA’s message when the challenge fails, and tries again after a wait', async () => {
      const broken = (await admin.post(`${base}/websites`, { domain: 'broken.acme.test' })).json();
      await settle();
      // pebble's validation now reaches an address nginx does not listen on.
      await pebble.resolve('broken.acme.test', '127.0.0.2');
      await admin.patch(`${base}/websites/${broken.id}`, { tls: { enabled: true } });
      await worker.runNow();
      const failed = await tlsOf(broken.id);
      expect(failed).toMatchObject({ state: 'error', source: 'acme', expiresAt: null });
      expect(failed.error).toMatch(/127\.0\.0\.2|connection refused/i);
      const [row] = await keel.handle.db.select().from(websites).where(eq(websites.id, broken.id));
      expect(row?.tlsAttempts).toBe(1);
      expect(row?.tlsRetryAt?.getTime()).toBeGreaterThan(keel.clock.now().getTime());
      // Not retried before its time, then retried and issued once the name reaches nginx.
      await pebble.resolve('broken.acme.test', '127.0.0.1');
      await worker.runNow();
      expect((await tlsOf(broken.id)).state).toBe('error');
      keel.clock.advance(61_000);
      await worker.runNow();
      expect(await tlsOf(broken.id)).toMatchObject({ state: 'issued', error: null });
    });
  },
);
