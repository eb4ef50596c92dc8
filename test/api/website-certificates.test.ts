import { createPrivateKey } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTlsKey } from '../../server/src/websites/tls-key-seal.js';
import { websites } from '../../server/src/websites/websites.table.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { selfSignedCertificate } from '../helpers/self-signed.js';

describe("a website's HTTPS certificate, through the API", async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const customer = await makeCustomerOf(keel, null);
  const base = `/customers/${customer.id}/websites`;
  const site = (await admin.post(base, { domain: 'cert.example.test' })).json();
  const own = await selfSignedCertificate(['cert.example.test', 'www.cert.example.test'], 1);
  const other = await selfSignedCertificate(['other.example.test']);
  const stored = async () =>
    (await keel.handle.db.select().from(websites).where(eq(websites.id, site.id)))[0];

  it('starts without a certificate', () => {
    expect(site.tls).toEqual({
      state: 'none',
      source: null,
      issuer: null,
      expiresAt: null,
      error: null,
      redirectHttp: false,
    });
  });

  it.each([
    [
      'no PEM at all',
      { certificate: 'hello', privateKey: own.privateKey },
      'certificate',
      /No PEM certificate/,
    ],
    [
      'a PEM block that is not a certificate',
      {
        certificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
        privateKey: own.privateKey,
      },
      'certificate',
      /not a PEM certificate/,
    ],
    [
      'a key that is not PEM',
      { certificate: own.certificate, privateKey: 'nope' },
      'privateKey',
      /not an unencrypted PEM/,
    ],
    [
      "another certificate's key",
      { certificate: own.certificate, privateKey: other.privateKey },
      'privateKey',
      /does not belong/,
    ],
    [
      'a certificate for another domain',
      { certificate: other.certificate, privateKey: other.privateKey },
      'certificate',
      /does not cover cert\.example\.test/,
    ],
  ])('refuses %s with 422 and changes nothing', async (_what, body, field, message) => {
    const answer = await admin.post(`${base}/${site.id}/certificate`, body);
    expect(answer.statusCode).toBe(422);
    expect(answer.json().errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect((await stored())?.tlsState).toBe('none');
  });

  it('serves an uploaded certificate: issued, its issuer and expiry shown, the key never', async () => {
    const answer = await admin.post(`${base}/${site.id}/certificate`, own);
    expect(answer.statusCode).toBe(200);
    const { tls } = answer.json();
    expect(tls).toMatchObject({
      state: 'issued',
      source: 'uploaded',
      issuer: 'cert.example.test',
      error: null,
    });
    expect(new Date(tls.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(answer.body).not.toContain('PRIVATE KEY');
    const [event] = await auditedAs(keel, 'website.certificate_uploaded');
    expect(event?.details).toMatchObject({ domain: 'cert.example.test', issuer: 'cert.example.test' });
    expect(JSON.stringify(event)).not.toContain('PRIVATE KEY');
    // The database keeps the key sealed with the panel's key, bound to this site.
    const sealed = (await stored())?.tlsPrivateKey as string;
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(
      createPrivateKey(openTlsKey(keel.system.panelKey, site.id, sealed)).export({
        type: 'pkcs8',
        format: 'pem',
      }),
    ).toBe(createPrivateKey(own.privateKey).export({ type: 'pkcs8', format: 'pem' }));
    // An uploaded certificate is not renewed by Keel.
    expect((await admin.post(`${base}/${site.id}/certificate/renew`)).statusCode).toBe(409);
  });

  it('turns the redirect on, orders from the ACME CA, renews, and drops the certificate', async () => {
    const redirect = await admin.patch(`${base}/${site.id}`, { tls: { redirectHttp: true } });
    expect(redirect.json().tls).toMatchObject({ redirectHttp: true, source: 'uploaded' });
    const ordered = await admin.patch(`${base}/${site.id}`, { tls: { enabled: true } });
    // The uploaded certificate stays served until the CA's is issued.
    expect(ordered.json().tls).toMatchObject({ state: 'pending', source: 'acme' });
    expect((await stored())?.tlsCertificate).toContain('BEGIN CERTIFICATE');
    const renew = await admin.post(`${base}/${site.id}/certificate/renew`);
    expect(renew.statusCode).toBe(202);
    expect(await auditedAs(keel, 'website.certificate_renewal_requested')).toHaveLength(1);
    const dropped = await admin.patch(`${base}/${site.id}`, { tls: { enabled: false } });
    expect(dropped.json().tls).toMatchObject({
      state: 'none',
      source: null,
      expiresAt: null,
      redirectHttp: true,
    });
    expect((await stored())?.tlsPrivateKey).toBeNull();
  });

  it('refuses an expired certificate, by the clock of the server', async () => {
    keel.clock.advance(3 * 24 * 3600 * 1000);
    const later = await keel.admin();
    const answer = await later.post(`${base}/${site.id}/certificate`, own);
    expect(answer.statusCode).toBe(422);
    expect(answer.json().errors).toEqual([
      { field: 'certificate', message: expect.stringMatching(/expired on/) },
    ]);
  });

  it('refuses bodies with unknown fields (400)', async () => {
    const admin = await keel.admin();
    expect((await admin.patch(`${base}/${site.id}`, { tls: { issuer: 'me' } })).statusCode).toBe(400);
    expect((await admin.patch(`${base}/${site.id}`, { tls: {} })).statusCode).toBe(400);
  });
});
