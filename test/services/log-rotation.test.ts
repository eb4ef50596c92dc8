import { existsSync } from 'node:fs';
import { appendFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  nginxLayout,
  nginxStateDir,
  siteAccessLog,
} from '../../server/src/provisioning/drivers/nginx/layout.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { testApp } from '../helpers/app.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const haveNginx = (await findNginxBinary()) !== undefined;

/** Keel's nginx logs stay within their bounds, and nginx goes on logging after each rotation. */
describe.skipIf(mustSkip('nginx', haveNginx))('log rotation of Keel’s nginx', async () => {
  const dataDir = await sharedTempDir('log-rotation');
  const keel = await testApp({ homesDir: path.join(dataDir, 'homes') });
  const webPort = await freePort();
  const bounds = { maxBytes: 16 * 1024, keep: 2, checkMs: 100 };
  const services = await startReconciler(keel, { dataDir, webPort, logBounds: bounds });
  const admin = await keel.admin();
  const customer = await makeCustomerOf(keel, null);
  const site = (
    await admin.post(`/customers/${customer.id}/websites`, { domain: 'rotated.logs.test' })
  ).json();
  await services.reconciler.settle();
  await eventually(async () => expect((await get(webPort, site.domain)).status).toBe(200));
  const log = siteAccessLog(nginxLayout(nginxStateDir(dataDir)), site.id);
  const filler = `${'x'.repeat(1023)}\n`.repeat(bounds.maxBytes / 1024 + 1);

  /** Pushes the log over its bound, then waits until it was moved aside. */
  async function overflow(marker: string) {
    await appendFile(log, `${marker}\n${filler}`);
    await eventually(async () => {
      expect(await readFile(`${log}.1`, 'utf8')).toContain(marker);
    }, 10_000);
  }

  it('moves a log over its bound aside, and nginx logs the next request to a new file', async () => {
    await overflow('first-overflow');
    await eventually(async () => {
      await get(webPort, site.domain, '/after-rotation');
      expect(await readFile(log, 'utf8').catch(() => '')).toContain('GET /after-rotation');
    }, 10_000);
    expect((await stat(log)).size).toBeLessThan(bounds.maxBytes);
    // The customer reads the new file's lines, and the rotated one's before them.
    const read = (await admin.get(`/customers/${customer.id}/websites/${site.id}/logs?lines=3`)).json();
    expect(read.lines.at(-1)).toContain('GET /after-rotation');
  });

  it('keeps only as many rotated files as configured', async () => {
    await overflow('second-overflow');
    await overflow('third-overflow');
    expect(await readFile(`${log}.2`, 'utf8')).toContain('second-overflow');
    expect(existsSync(`${log}.3`)).toBe(false);
    await eventually(async () => {
      await get(webPort, site.domain, '/still-logging');
      expect(await readFile(log, 'utf8').catch(() => '')).toContain('GET /still-logging');
    }, 10_000);
  });
});
