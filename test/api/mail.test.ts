import { createPublicKey } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { dkimKeyOwner, openDkimKey } from '../../server/src/mail/dkim-key-seal.js';
import { mailAliases } from '../../server/src/mail/mail-aliases.table.js';
import { mailDomains } from '../../server/src/mail/mail-domains.table.js';
import { mailboxes } from '../../server/src/mail/mailboxes.table.js';
import { testApp } from '../helpers/app.js';
import { makePackage } from '../helpers/package-factory.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe('mailboxes and mail aliases of a customer, through the API', async () => {
  const keel = await testApp();
  const services = await startReconciler(keel, {
    dataDir: await mkdtemp(path.join(tmpdir(), 'keel-mail-api-')),
  });
  const admin = await keel.admin();

  const storedMailboxes = (customerId: string) =>
    keel.handle.db.select().from(mailboxes).where(eq(mailboxes.customerId, customerId));
  const counts = async (customerId: string) => {
    const [row] = await keel.handle.db
      .select({ mailboxes: customers.mailboxCount, aliases: customers.mailAliasCount })
      .from(customers)
      .where(eq(customers.id, customerId));
    return row;
  };
  /** A customer owning a website at `domain` (and a zone at `zone` when given). */
  async function customerWith(domain: string, zone?: string) {
    const customer = await makeCustomerOf(keel, null);
    expect((await admin.post(`/customers/${customer.id}/websites`, { domain })).statusCode).toBe(201);
    if (zone)
      expect((await admin.post(`/customers/${customer.id}/dns-zones`, { domain: zone })).statusCode).toBe(
        201,
      );
    return customer;
  }

  it('creates a mailbox with a password shown once, stored only as an argon2id hash, counted', async () => {
    const customer = await customerWith('post.example');
    const created = await admin.post(`/customers/${customer.id}/mailboxes`, {
      address: ' Info@Post.Example ',
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { mailbox, password } = created.json();
    expect(mailbox).toMatchObject({
      address: 'info@post.example',
      enabled: true,
      quotaMb: 1024,
      usedMb: 0,
      provisioning: { state: 'pending' },
    });
    expect(password).toMatch(/^\S{20,}$/);
    const [stored] = await storedMailboxes(customer.id);
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.passwordHash).not.toContain(password);
    expect(await verify(stored?.passwordHash as string, password)).toBe(true);
    expect(await counts(customer.id)).toEqual({ mailboxes: 1, aliases: 0 });
    const listed = (await admin.get(`/customers/${customer.id}/mailboxes`)).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: mailbox.id, address: 'info@post.example' }] });
    expect(JSON.stringify(listed)).not.toContain('argon2');
    // The domain's DKIM key is made with its first address and kept sealed, bound to its owner.
    const [domain] = await keel.handle.db
      .select()
      .from(mailDomains)
      .where(eq(mailDomains.domain, 'post.example'));
    expect(domain?.dkimPrivateKey).toMatch(/^v1:/);
    expect(domain?.dkimPrivateKey).not.toContain('PRIVATE KEY');
    const key = openDkimKey(
      keel.system.panelKey,
      dkimKeyOwner({ customerId: customer.id, domain: 'post.example' }),
      domain?.dkimPrivateKey as string,
    );
    expect(createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64')).toBe(
      domain?.dkimPublicKey,
    );
  });

  it('leaves a mailbox pending with the missing setting named when mail is not configured', async () => {
    const customer = await customerWith('pending.example');
    const { mailbox } = (
      await admin.post(`/customers/${customer.id}/mailboxes`, { address: 'a@pending.example' })
    ).json();
    await services.reconciler.settle();
    const read = (await admin.get(`/customers/${customer.id}/mailboxes/${mailbox.id}`)).json();
    expect(read.provisioning).toMatchObject({
      state: 'pending',
      error: expect.stringMatching(/KEEL_SMTP_PORT/),
    });
  });

  it('takes IDN domains as punycode and names under its zones, with the quota asked for', async () => {
    const customer = await customerWith('bücher.example', 'shop.example');
    const idn = await admin.post(`/customers/${customer.id}/mailboxes`, {
      address: 'Kasse@Bücher.Example',
      quotaMb: 50,
    });
    expect(idn.statusCode).toBe(201);
    expect(idn.json().mailbox).toMatchObject({ address: 'kasse@xn--bcher-kva.example', quotaMb: 50 });
    const under = await admin.post(`/customers/${customer.id}/mailboxes`, {
      address: 'team@eu.shop.example',
    });
    expect(under.statusCode).toBe(201);
  });

  it.each([
    ['no-at-sign.example', /like name@example.com/],
    ['two..dots@post.example', /two dots/],
    ['.lead@post.example', /starting with a letter or digit/],
    ['sp ace@post.example', /letters, digits/],
    ['quote"d@post.example', /letters, digits/],
    ['name@bad_domain', /domain|letters/i],
    [`${'x'.repeat(65)}@post.example`, /64 characters/],
  ])('refuses the address %s with 422 and stores nothing', async (address, reason) => {
    const customer = await customerWith(
      'post.example'.replace('post', `p${Math.random().toString(36).slice(2, 8)}`),
    );
    const response = await admin.post(`/customers/${customer.id}/mailboxes`, { address });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      errors: [{ field: 'address', message: expect.stringMatching(reason) }],
    });
    expect(await storedMailboxes(customer.id)).toEqual([]);
  });

  it("refuses another customer's domain (409 domain-taken) and nobody's (422), and a taken address (409)", async () => {
    const owner = await customerWith('owned.example', 'zone-owned.example');
    const other = await customerWith('other-own.example');
    const taken = await admin.post(`/customers/${other.id}/mailboxes`, { address: 'x@owned.example' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().type).toMatch(/domain-taken$/);
    const underZone = await admin.post(`/customers/${other.id}/mail-aliases`, {
      address: 'x@www.zone-owned.example',
      destinations: ['a@b.example'],
    });
    expect(underZone.statusCode).toBe(409);
    const nobodys = await admin.post(`/customers/${other.id}/mailboxes`, { address: 'x@nobody.example' });
    expect(nobodys.statusCode).toBe(422);
    expect(nobodys.json().type).toMatch(/unknown-mail-domain$/);

    expect(
      (await admin.post(`/customers/${owner.id}/mailboxes`, { address: 'sales@owned.example' })).statusCode,
    ).toBe(201);
    const again = await admin.post(`/customers/${owner.id}/mailboxes`, { address: 'SALES@owned.example' });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toMatch(/address-taken$/);
    const asAlias = await admin.post(`/customers/${owner.id}/mail-aliases`, {
      address: 'sales@owned.example',
      destinations: ['a@b.example'],
    });
    expect(asAlias.statusCode).toBe(409);
    expect(await storedMailboxes(other.id)).toEqual([]);
    expect(await counts(owner.id)).toEqual({ mailboxes: 1, aliases: 0 });
  });

  it("enforces the package's mailbox limit with 422 naming it; aliases are free", async () => {
    const plan = await makePackage(keel, { limits: { mailboxes: 1 } });
    const customer = await makeCustomerOf(keel, null, { packageId: plan.id });
    await admin.post(`/customers/${customer.id}/websites`, { domain: 'limited.example' });
    expect(
      (await admin.post(`/customers/${customer.id}/mailboxes`, { address: 'one@limited.example' }))
        .statusCode,
    ).toBe(201);
    const second = await admin.post(`/customers/${customer.id}/mailboxes`, {
      address: 'two@limited.example',
    });
    expect(second.statusCode).toBe(422);
    expect(second.json().errors).toEqual([
      { field: 'limits.mailboxes', message: 'package limit of 1 reached' },
    ]);
    for (const name of ['a', 'b']) {
      const alias = await admin.post(`/customers/${customer.id}/mail-aliases`, {
        address: `${name}@limited.example`,
        destinations: ['one@limited.example'],
      });
      expect(alias.statusCode).toBe(201);
    }
    expect(await counts(customer.id)).toEqual({ mailboxes: 1, aliases: 2 });
  });

  it('sets or generates a password, changes the quota, switches and deletes a mailbox, all audited', async () => {
    const customer = await customerWith('audit.example');
    const { mailbox } = (
      await admin.post(`/customers/${customer.id}/mailboxes`, { address: 'me@audit.example' })
    ).json();
    const url = `/customers/${customer.id}/mailboxes/${mailbox.id}`;
    const weak = await admin.post(`${url}/password`, { password: 'short' });
    expect(weak.statusCode).toBe(422);
    const chosen = 'a long mailbox passphrase of mine';
    const set = await admin.post(`${url}/password`, { password: chosen });
    expect(set.statusCode).toBe(204);
    const [afterSet] = await storedMailboxes(customer.id);
    expect(await verify(afterSet?.passwordHash as string, chosen)).toBe(true);
    const generated = await admin.post(`${url}/password`, {});
    expect(generated.statusCode).toBe(200);
    expect(generated.headers['cache-control']).toBe('no-store');
    const [afterGenerate] = await storedMailboxes(customer.id);
    expect(await verify(afterGenerate?.passwordHash as string, generated.json().password)).toBe(true);

    expect((await admin.patch(url, { quotaMb: 0 })).statusCode).toBe(400);
    expect((await admin.patch(url, {})).statusCode).toBe(400);
    expect((await admin.patch(url, { quotaMb: 200 })).json()).toMatchObject({ quotaMb: 200, enabled: true });
    expect((await admin.patch(url, { enabled: false })).json()).toMatchObject({
      quotaMb: 200,
      enabled: false,
    });
    expect((await admin.delete(url)).statusCode).toBe(204);
    expect((await admin.get(url)).statusCode).toBe(404);
    expect(await counts(customer.id)).toEqual({ mailboxes: 0, aliases: 0 });

    const events = await keel.handle.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.customerId, customer.id))
      .orderBy(asc(auditEvents.id));
    const mailEvents = events.filter((event) => event.action.startsWith('mailbox.'));
    expect(mailEvents.map((event) => event.action)).toEqual([
      'mailbox.created',
      'mailbox.password_changed',
      'mailbox.password_changed',
      'mailbox.updated',
      'mailbox.updated',
      'mailbox.deleted',
    ]);
    expect(mailEvents[1]?.details).toMatchObject({ address: 'me@audit.example', generated: false });
    expect(mailEvents[2]?.details).toMatchObject({ generated: true });
    expect(mailEvents[3]?.details).toMatchObject({ quotaMb: { from: 1024, to: 200 } });
    expect(JSON.stringify(events)).not.toContain(chosen);
    expect(JSON.stringify(events)).not.toContain(generated.json().password);
  });

  it('forwards an alias to one or more normalized addresses, replaced and switched by PATCH, audited', async () => {
    const customer = await customerWith('fwd.example');
    const created = await admin.post(`/customers/${customer.id}/mail-aliases`, {
      address: 'Hello@FWD.example',
      destinations: ['Someone@Elsewhere.Example', 'someone@elsewhere.example', 'b@fwd.example'],
    });
    expect(created.statusCode).toBe(201);
    const alias = created.json();
    expect(alias).toMatchObject({
      address: 'hello@fwd.example',
      destinations: ['someone@elsewhere.example', 'b@fwd.example'],
      enabled: true,
      provisioning: { state: 'pending' },
    });
    const url = `/customers/${customer.id}/mail-aliases/${alias.id}`;
    const bad = await admin.patch(url, { destinations: ['ok@x.example', 'not an address'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ field: 'destinations[1]', message: expect.any(String) }]);
    const loop = await admin.patch(url, { destinations: ['hello@fwd.example'] });
    expect(loop.statusCode).toBe(422);
    expect((await admin.patch(url, { destinations: [] })).statusCode).toBe(400);
    const replaced = await admin.patch(url, { destinations: ['c@fwd.example'], enabled: false });
    expect(replaced.json()).toMatchObject({ destinations: ['c@fwd.example'], enabled: false });
    // A reconciler still trying the change holds the row; one no service applied goes at once after.
    await services.reconciler.settle();
    expect((await admin.delete(url)).statusCode).toBe(204);
    const [row] = await keel.handle.db.select().from(mailAliases).where(eq(mailAliases.id, alias.id));
    expect(row).toBeUndefined();
    const actions = (
      await keel.handle.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.customerId, customer.id))
        .orderBy(asc(auditEvents.id))
    ).map((event) => event.action);
    expect(actions.filter((action) => action.startsWith('mail_alias.'))).toEqual([
      'mail_alias.created',
      'mail_alias.updated',
      'mail_alias.deleted',
    ]);
  });

  it('lets a customer and its reseller manage its mail, and hides other tenants with 404', async () => {
    const reseller = await makeReseller(keel);
    const mine = await makeCustomerOf(keel, reseller.id);
    const other = await customerWith('hidden.example');
    await admin.post(`/customers/${mine.id}/websites`, { domain: 'mine.example' });
    const customer = await mine.login();
    const own = await customer.post(`/customers/${mine.id}/mailboxes`, { address: 'me@mine.example' });
    expect(own.statusCode).toBe(201);
    expect((await customer.get(`/customers/${other.id}/mailboxes`)).statusCode).toBe(404);
    expect(
      (await customer.post(`/customers/${other.id}/mailboxes`, { address: 'x@hidden.example' })).statusCode,
    ).toBe(404);
    const resellerClient = await reseller.login();
    expect((await resellerClient.get(`/customers/${mine.id}/mailboxes`)).json().total).toBe(1);
    expect((await resellerClient.get(`/customers/${other.id}/mail-aliases`)).statusCode).toBe(404);
  });

  it("lists the records each mail domain needs: added to the customer's own zone, else to publish", async () => {
    const customer = await customerWith('own-dns.example', 'zoned.example');
    const base = `/customers/${customer.id}`;
    expect((await admin.post(`${base}/mailboxes`, { address: 'a@own-dns.example' })).statusCode).toBe(201);
    expect(
      (
        await admin.post(`${base}/mail-aliases`, {
          address: 'b@shop.zoned.example',
          destinations: ['x@y.example'],
        })
      ).statusCode,
    ).toBe(201);
    const listed = (await admin.get(`${base}/mail-domains`)).json();
    expect(listed).toMatchObject({ total: 2, page: 1, perPage: 25 });
    const [elsewhere, zoned] = listed.items;
    expect(elsewhere).toMatchObject({ domain: 'own-dns.example', dnsZone: null });
    expect(elsewhere.records).toEqual([
      { name: 'own-dns.example', type: 'MX', ttl: 3600, value: '10 mail.keel.test' },
      { name: 'own-dns.example', type: 'TXT', ttl: 3600, value: 'v=spf1 mx -all' },
      {
        name: 'keel._domainkey.own-dns.example',
        type: 'TXT',
        ttl: 3600,
        value: expect.stringMatching(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]{390,}$/),
      },
    ]);
    expect(zoned).toMatchObject({ domain: 'shop.zoned.example', dnsZone: { domain: 'zoned.example' } });
    // Keel serves zoned.example: the same records are in the zone, relative to it, audited.
    const zone = (await admin.get(`${base}/dns-zones/${zoned.dnsZone.id}`)).json();
    expect(zone.records).toEqual([
      { name: 'shop', type: 'MX', ttl: 3600, value: '10 mail.keel.test' },
      { name: 'shop', type: 'TXT', ttl: 3600, value: 'v=spf1 mx -all' },
      { name: 'keel._domainkey.shop', type: 'TXT', ttl: 3600, value: zoned.records[2].value },
    ]);
    // Each domain has its own key.
    expect(zoned.records[2].value).not.toBe(elsewhere.records[2].value);
    const customerClient = await customer.login();
    expect((await customerClient.get(`${base}/mail-domains`)).json().total).toBe(2);
    const stranger = await (await makeCustomerOf(keel, null)).login();
    expect((await stranger.get(`${base}/mail-domains`)).statusCode).toBe(404);
    expect((await admin.get(`${base}/mail-domains?perPage=0`)).statusCode).toBe(400);
  });

  it("refuses an address whose records the customer's zone cannot take (422), changing nothing", async () => {
    const customer = await customerWith('cname-site.example', 'cnamed.example');
    const base = `/customers/${customer.id}`;
    const [zone] = (await admin.get(`${base}/dns-zones`)).json().items;
    const cname = [{ name: 'www', type: 'CNAME', value: 'elsewhere.example' }];
    expect((await admin.patch(`${base}/dns-zones/${zone.id}`, { records: cname })).statusCode).toBe(200);
    const recordsOf = async () => {
      const { records, serial } = (await admin.get(`${base}/dns-zones/${zone.id}`)).json();
      return { records, serial };
    };
    const before = await recordsOf();
    const refused = await admin.post(`${base}/mailboxes`, { address: 'a@www.cnamed.example' });
    expect(refused.statusCode).toBe(422);
    expect(await storedMailboxes(customer.id)).toEqual([]);
    expect(await recordsOf()).toEqual(before);
    expect(refused.json().errors).toEqual([
      { field: 'records', message: 'www has a CNAME, so it can have no other records.' },
    ]);
    expect((await admin.get(`${base}/mail-domains`)).json().total).toBe(0);
  });

  it('refuses a new mailbox for a soft-deleted customer (409)', async () => {
    const customer = await makeCustomerOf(keel, null, { status: 'deleted' });
    const response = await admin.post(`/customers/${customer.id}/mailboxes`, {
      address: 'late@late.example',
    });
    expect(response.statusCode).toBe(409);
    expect(await storedMailboxes(customer.id)).toEqual([]);
  });
});
