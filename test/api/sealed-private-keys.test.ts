import { createPrivateKey } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dkimKeyOwner, openDkimKey } from '../../server/src/mail/dkim-key-seal.js';
import { mailDomains } from '../../server/src/mail/mail-domains.table.js';
import { sealPlainKeys } from '../../server/src/secrets/seal-plain-keys.js';
import { openTlsKey } from '../../server/src/websites/tls-key-seal.js';
import { websites } from '../../server/src/websites/websites.table.js';
import { testApp } from '../helpers/app.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { selfSignedCertificate } from '../helpers/self-signed.js';

const pemOf = (key: string) => createPrivateKey(key).export({ type: 'pkcs8', format: 'pem' }).toString();

describe('private keys an older Keel kept in plain text', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const customer = await makeCustomerOf(keel, null);
  const site = (
    await admin.post(`/customers/${customer.id}/websites`, { domain: 'old.example.test' })
  ).json();
  const own = await selfSignedCertificate(['old.example.test']);
  expect(
    (await admin.post(`/customers/${customer.id}/websites/${site.id}/certificate`, own)).statusCode,
  ).toBe(200);
  expect(
    (await admin.post(`/customers/${customer.id}/mailboxes`, { address: 'info@old.example.test' }))
      .statusCode,
  ).toBe(201);
  const owner = dkimKeyOwner({ customerId: customer.id, domain: 'old.example.test' });
  const storedSite = async () =>
    (await keel.handle.db.select().from(websites).where(eq(websites.id, site.id)))[0];
  const storedDomain = async () =>
    (await keel.handle.db.select().from(mailDomains).where(eq(mailDomains.domain, 'old.example.test')))[0];

  it('are sealed at start with the panel key, each still the same key, and nothing is done twice', async () => {
    // As an older Keel left them: the PEM itself in the row.
    const dkimPem = openDkimKey(
      keel.system.panelKey,
      owner,
      (await storedDomain())?.dkimPrivateKey as string,
    );
    await keel.handle.db
      .update(websites)
      .set({ tlsPrivateKey: own.privateKey })
      .where(eq(websites.id, site.id));
    await keel.handle.db
      .update(mailDomains)
      .set({ dkimPrivateKey: dkimPem })
      .where(eq(mailDomains.domain, 'old.example.test'));

    expect(await sealPlainKeys(keel.handle.db, keel.system.panelKey)).toBe(2);

    const tls = (await storedSite())?.tlsPrivateKey as string;
    const dkim = (await storedDomain())?.dkimPrivateKey as string;
    for (const sealed of [tls, dkim]) {
      expect(sealed).toMatch(/^v1:/);
      expect(sealed).not.toContain('PRIVATE KEY');
    }
    expect(pemOf(openTlsKey(keel.system.panelKey, site.id, tls))).toBe(pemOf(own.privateKey));
    expect(openDkimKey(keel.system.panelKey, owner, dkim)).toBe(dkimPem);
    expect(await sealPlainKeys(keel.handle.db, keel.system.panelKey)).toBe(0);
    expect((await storedSite())?.tlsPrivateKey).toBe(tls);
  });

  it("does not open with another customer's binding or another panel's key", async () => {
    const tls = (await storedSite())?.tlsPrivateKey as string;
    const dkim = (await storedDomain())?.dkimPrivateKey as string;
    expect(() => openTlsKey(keel.system.panelKey, customer.id, tls)).toThrow(/does not open/);
    expect(() =>
      openDkimKey(
        keel.system.panelKey,
        dkimKeyOwner({ customerId: site.id, domain: 'old.example.test' }),
        dkim,
      ),
    ).toThrow(/does not open/);
    expect(() => openTlsKey(Buffer.alloc(32, 9), site.id, tls)).toThrow(/does not open/);
  });
});
