import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { sampleValue } from '../helpers/prometheus.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

const scraperToken = 'metrics-scraper-token-0123456789abcdef';

/** /metrics: who may read it, and series that follow what the panel really did. */
describe('metrics', async () => {
  const keel = await testApp({ metricsToken: scraperToken });
  const admin = await keel.admin();
  const scrape = async (authorization = `Bearer ${scraperToken}`) => {
    const response = await keel.app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });
    expect(response.statusCode, response.body).toBe(200);
    return response.body;
  };

  it('is not open to the world: anonymous 401, customers and resellers 403, a wrong bearer 401', async () => {
    expect((await keel.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const customer = await (await makeCustomerOf(keel, null)).login();
    const reseller = await (await makeReseller(keel)).login();
    for (const signedIn of [customer, reseller]) {
      const call = await keel.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { cookie: signedIn.cookie ?? '' },
      });
      expect(call.statusCode).toBe(403);
    }
    const wrong = await keel.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer not-the-metrics-token-0123456789abcdef' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it("opens to an admin's session and to KEEL_METRICS_TOKEN, which opens nothing else", async () => {
    const asAdmin = await keel.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await scrape()).toMatch(/^process_cpu_user_seconds_total \d/m);
    const elsewhere = await keel.app.inject({
      method: 'GET',
      url: '/api/v1/customers',
      headers: { authorization: `Bearer ${scraperToken}` },
    });
    expect(elsewhere.statusCode).toBe(401);
  });

  it('counts requests by route pattern and status class, never by a concrete id', async () => {
    const route = { method: 'GET', route: '/api/v1/customers/:id', status_class: '4xx' };
    const before = sampleValue(await scrape(), 'keel_http_request_duration_seconds_count', route);
    for (const id of ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'])
      expect((await admin.get(`/customers/${id}`)).statusCode).toBe(404);
    const after = await scrape();
    expect(sampleValue(after, 'keel_http_request_duration_seconds_count', route)).toBe(before + 2);
    expect(after).not.toContain('00000000-0000-4000-8000-000000000001');
  });

  it("shows a new website in its kind's queue on its customer's server until a reconciler applies it", async () => {
    const customer = await makeCustomerOf(keel, null);
    const added = await admin.post('/servers', { name: 'queue-b', roles: ['web'] });
    expect(added.statusCode).toBe(201);
    const depth = async (server: string) =>
      sampleValue(await scrape(), 'keel_reconciler_queue_depth', { kind: 'websites', server });
    const before = await depth('local');
    // A server with nothing waiting has its series, at zero.
    expect((await scrape()).match(/^keel_reconciler_queue_depth\{.*server="queue-b".*\} 0$/m)).not.toBeNull();
    const created = await admin.post(`/customers/${customer.id}/websites`, { domain: 'queued.example.test' });
    expect(created.statusCode).toBe(201);
    // No reconciler runs beside this app: the website waits on the local server, and the scrape says so.
    expect(await depth('local')).toBe(before + 1);
    expect(await depth('queue-b')).toBe(0);
  });

  it('counts servers online and offline: an added server is offline until its agent reports', async () => {
    const text = await scrape();
    const online = sampleValue(text, 'keel_servers_online');
    const offline = sampleValue(text, 'keel_servers_offline');
    expect(online).toBeGreaterThanOrEqual(1);
    expect((await admin.post('/servers', { name: `idle-${Date.now()}`, roles: ['web'] })).statusCode).toBe(
      201,
    );
    const after = await scrape();
    expect(sampleValue(after, 'keel_servers_online')).toBe(online);
    expect(sampleValue(after, 'keel_servers_offline')).toBe(offline + 1);
  });

  it('counts background jobs by kind and state', async () => {
    const customer = await makeCustomerOf(keel, null);
    const queued = { kind: 'backup', state: 'queued' };
    const before = sampleValue(await scrape(), 'keel_background_jobs', queued);
    expect((await admin.post(`/customers/${customer.id}/backups`)).statusCode).toBe(202);
    expect(sampleValue(await scrape(), 'keel_background_jobs', queued)).toBe(before + 1);
  });
});
