import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { installedPhpVersions } from '../../server/src/provisioning/drivers/php-fpm/php-versions.js';
import { websites } from '../../server/src/websites/websites.table.js';
import { testApp } from '../helpers/app.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';

// No service runs here: the rows and the answers are what is checked (test/services/php-fpm.test.ts
// runs the pools).
describe("a website's PHP, through the API", async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const versions = await installedPhpVersions();
  const newest = versions.at(-1);

  const newSite = async (domain: string) => {
    const customer = await makeCustomerOf(keel, null);
    const created = await admin.post(`/customers/${customer.id}/websites`, { domain });
    expect(created.statusCode).toBe(201);
    return { customer, site: created.json(), url: `/customers/${customer.id}/websites/${created.json().id}` };
  };
  const row = async (id: string) => {
    const [found] = await keel.handle.db.select().from(websites).where(eq(websites.id, id));
    return found;
  };

  it('starts without PHP, and lists the versions installed to any signed-in user', async () => {
    const { customer, site } = await newSite('plain.php.test');
    expect(site.php).toEqual({ enabled: false, version: null });
    const asCustomer = await customer.login();
    const listed = await asCustomer.get('/settings/php-versions');
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual({ versions });
    expect((await keel.anonymous().get('/settings/php-versions')).statusCode).toBe(401);
  });

  it('refuses a version not installed with 422 and changes nothing', async () => {
    const { site, url } = await newSite('refused.php.test');
    const before = await row(site.id);
    const refused = await admin.patch(url, { php: { enabled: true, version: '5.6' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      type: expect.stringMatching(/php-version-unavailable$/),
      errors: [{ field: '/php/version', message: 'not installed on this server' }],
    });
    expect(await row(site.id)).toEqual(before);
  });

  it('rejects malformed PHP settings with 400 and changes nothing', async () => {
    const { site, url } = await newSite('malformed.php.test');
    const before = await row(site.id);
    for (const body of [
      { php: {} },
      { php: { enabled: 'yes' } },
      { php: { version: 'latest' } },
      { php: { version: '8.2', memory: 512 } },
      { php: true },
    ]) {
      expect((await admin.patch(url, body)).statusCode).toBe(400);
    }
    expect(await row(site.id)).toEqual(before);
  });

  it.skipIf(newest === undefined)(
    'switches PHP on with the newest version, keeps it while off, audited in one event each',
    async () => {
      const { customer, url } = await newSite('on.php.test');
      const on = await admin.patch(url, { php: { enabled: true } });
      expect(on.statusCode).toBe(200);
      expect(on.json()).toMatchObject({
        php: { enabled: true, version: newest },
        provisioning: { state: 'pending' },
      });
      const off = await admin.patch(url, { php: { enabled: false } });
      expect(off.json().php).toEqual({ enabled: false, version: newest });
      const same = await admin.patch(url, { php: { enabled: false } });
      expect(same.statusCode).toBe(200);
      const both = await admin.patch(url, { enabled: false, php: { enabled: true, version: newest } });
      expect(both.json()).toMatchObject({ enabled: false, php: { enabled: true, version: newest } });
      const events = await keel.handle.db
        .select({ action: auditEvents.action, details: auditEvents.details })
        .from(auditEvents)
        .where(eq(auditEvents.customerId, customer.id))
        .orderBy(asc(auditEvents.id));
      expect(
        events.filter((event) => event.action === 'website.updated').map((event) => event.details),
      ).toEqual([
        {
          domain: 'on.php.test',
          php: { from: { enabled: false, version: null }, to: { enabled: true, version: newest } },
        },
        {
          domain: 'on.php.test',
          php: { from: { enabled: true, version: newest }, to: { enabled: false, version: newest } },
        },
        {
          domain: 'on.php.test',
          enabled: { from: true, to: false },
          php: { from: { enabled: false, version: newest }, to: { enabled: true, version: newest } },
        },
      ]);
    },
  );

  it.skipIf(newest !== undefined)('refuses PHP with 422 on a server that has none', async () => {
    const { url } = await newSite('none.php.test');
    expect((await admin.patch(url, { php: { enabled: true } })).statusCode).toBe(422);
  });
});
