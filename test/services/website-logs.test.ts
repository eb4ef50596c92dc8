import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { testApp } from '../helpers/app.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const haveNginx = (await findNginxBinary()) !== undefined;

/** A customer reads what Keel's real nginx logged for its own sites, and nothing of another's. */
describe.skipIf(mustSkip('nginx', haveNginx))("a website's recent logs", async () => {
  const dataDir = await sharedTempDir('site-logs');
  const keel = await testApp({ homesDir: path.join(dataDir, 'homes') });
  const webPort = await freePort();
  const services = await startReconciler(keel, { dataDir, webPort });
  const owner = await makeCustomerOf(keel, null);
  const other = await makeCustomerOf(keel, null);
  const asOwner = await owner.login();
  const site = (await asOwner.post(`/customers/${owner.id}/websites`, { domain: 'logged.logs.test' })).json();
  const logs = `/customers/${owner.id}/websites/${site.id}/logs`;
  await services.reconciler.settle();
  await eventually(async () => expect((await get(webPort, site.domain)).status).toBe(200));

  it('shows the requests nginx served for the site, the latest last', async () => {
    await get(webPort, site.domain, '/first-visit');
    await get(webPort, site.domain, '/second-visit');
    const read = await eventually(async () => {
      const response = await asOwner.get(`${logs}?kind=access&lines=2`);
      expect(response.statusCode).toBe(200);
      expect(response.json().lines).toHaveLength(2);
      expect(response.json().lines[1]).toContain('GET /second-visit');
      return response.json();
    });
    expect(read.kind).toBe('access');
    expect(read.lines[0]).toContain('GET /first-visit');
  });

  it('shows what nginx refused on the site in its error log', async () => {
    // A directory without an index page: nginx refuses to list it and logs why.
    await mkdir(path.join(site.documentRoot, 'private'), { recursive: true });
    expect((await get(webPort, site.domain, '/private/')).status).toBe(403);
    await eventually(async () => {
      const lines: string[] = (await asOwner.get(`${logs}?kind=error`)).json().lines;
      expect(lines.some((line) => line.includes('directory index of') && line.includes('private'))).toBe(
        true,
      );
    });
  });

  it("is another customer's 404, and bounded in lines", async () => {
    const asOther = await other.login();
    expect((await asOther.get(`${logs}?kind=access`)).statusCode).toBe(404);
    expect((await asOwner.get(`${logs}?lines=1001`)).statusCode).toBe(400);
    expect((await asOwner.get(`${logs}?kind=debug`)).statusCode).toBe(400);
  });
});
