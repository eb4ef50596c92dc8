import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { testApp } from '../helpers/app.js';
import { sampleValue } from '../helpers/prometheus.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, get, mustSkip, sharedTempDir } from './helpers.js';

const haveNginx = (await findNginxBinary()) !== undefined;

/** The reconciler's series in /metrics move with what Keel's real nginx applied. */
describe.skipIf(mustSkip('nginx', haveNginx))('convergence metrics on a real nginx', async () => {
  const dataDir = await sharedTempDir('metrics');
  const keel = await testApp({ homesDir: path.join(dataDir, 'homes') });
  const webPort = await freePort();
  const services = await startReconciler(keel, { dataDir, webPort });
  const admin = await keel.admin();
  const scrape = async () => {
    const response = await keel.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  const websites = { kind: 'websites', server: 'local' };
  const converged = async () => sampleValue(await scrape(), 'keel_convergence_seconds_count', websites);

  it('records one convergence per applied change, and empties the queue', async () => {
    const customer = await makeCustomerOf(keel, null);
    const before = await converged();
    const site = (
      await admin.post(`/customers/${customer.id}/websites`, { domain: 'measured.metrics.test' })
    ).json();
    await services.reconciler.settle();
    await eventually(async () => expect((await get(webPort, site.domain)).status).toBe(200));
    expect(await converged()).toBe(before + 1);
    expect(sampleValue(await scrape(), 'keel_reconciler_queue_depth', websites)).toBe(0);

    // A suspension changes only the customer row: the site's 503 is a convergence of its kind too.
    expect((await admin.post(`/customers/${customer.id}/suspend`, { reason: 'metrics' })).statusCode).toBe(
      200,
    );
    await services.reconciler.settle();
    await eventually(async () => expect((await get(webPort, site.domain)).status).toBe(503));
    expect(await converged()).toBe(before + 2);
    expect(sampleValue(await scrape(), 'keel_convergence_seconds_sum', websites)).toBeGreaterThanOrEqual(0);
  });
});
