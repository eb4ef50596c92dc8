import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { nextDueAt } from '../../server/src/certificates/certificate-claims.js';
import { certificateWorker } from '../../server/src/certificates/certificate-worker.js';
import { openPostgres } from '../../server/src/db/client.js';
import { testApp } from '../helpers/app.js';
import { freshDatabase } from '../helpers/database.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';

/**
 * Two panels' ACME workers looking for due certificates at the same moment: each due site is
 * ordered once. On PostgreSQL each worker has its own connection pool, as two panel processes
 * would; on PGlite (one process) they share the database.
 */
describe('certificate orders with two panels looking at once', async () => {
  const database = await freshDatabase();
  const keel = await testApp({ handle: database });
  const other = database.url ? openPostgres(database.url, 2) : keel.handle;
  const admin = await keel.admin();
  const ordered: string[] = [];
  const workers = await Promise.all(
    [keel.handle, other].map(async (handle) =>
      certificateWorker({
        db: handle.db,
        signals: keel.system.signals,
        panelKey: keel.system.panelKey,
        log: { info: () => undefined, warn: () => undefined },
        dataDir: await mkdtemp(path.join(tmpdir(), 'keel-acme-')),
        directoryUrl: 'https://ca.invalid/directory',
        email: null,
        intervalMs: 3_600_000,
        now: keel.clock.now,
        // A CA that takes a moment and refuses: each call is one order of the site.
        order: async (_settings, domain) => {
          ordered.push(domain);
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error('the test CA refuses every order');
        },
      }),
    ),
  );

  for (const worker of workers) await worker.start();
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    if (other !== keel.handle) await other.close();
  });

  it('orders each due site once, whichever worker takes it', async () => {
    const customer = await makeCustomerOf(keel, null);
    const domains = Array.from({ length: 14 }, (_, n) => `due-${n}.certificates.test`);
    for (const domain of domains)
      expect((await admin.post(`/customers/${customer.id}/websites`, { domain })).statusCode).toBe(201);
    // As if nginx served them and each asked the CA for a certificate long ago.
    await keel.handle.db.execute(sql`update websites set tls_source = 'acme', applied_state = 'live',
      tls_retry_at = '2000-01-01T00:00:00Z' where customer_id = ${customer.id}`);
    await Promise.all(workers.map((worker) => worker.runNow()));
    expect([...ordered].sort()).toEqual([...domains].sort());
  });

  it("waits for an agent's server to come online, without a timer that fires again and again", async () => {
    const server = (await admin.post('/servers', { name: 'acme-offline', roles: ['web'] })).json().server;
    const customer = await admin.post('/customers', {
      firstName: 'Off',
      lastName: 'Line',
      email: `off-line-${Date.now()}@example.test`,
      serverId: server.id,
    });
    const domain = 'on-offline.certificates.test';
    const customerId = customer.json().customer.id;
    expect((await admin.post(`/customers/${customerId}/websites`, { domain })).statusCode).toBe(201);
    await keel.handle.db.execute(sql`update websites set tls_source = 'acme', applied_state = 'live',
      tls_retry_at = '2000-01-01T00:00:00Z' where customer_id = ${customerId}`);
    const before = ordered.length;
    await Promise.all(workers.map((worker) => worker.runNow()));
    expect(ordered.slice(before)).toEqual([]);
    // The sites of the first test wait for their retry: the next due time is theirs, not the past.
    expect((await nextDueAt(keel.handle.db, keel.clock.now()))?.getTime()).toBeGreaterThan(
      keel.clock.now().getTime(),
    );
    await keel.handle.db.execute(
      sql`update servers set last_seen_at = ${keel.clock.now()} where id = ${server.id}`,
    );
    await Promise.all(workers.map((worker) => worker.runNow()));
    expect(ordered.slice(before)).toEqual([domain]);
  });
});
