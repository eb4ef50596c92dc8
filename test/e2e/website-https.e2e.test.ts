import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { selfSignedCertificate } from '../helpers/self-signed.js';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, signIn } from './support/panel.js';

type Site = { id: string; tls: { state: string; source: string | null; redirectHttp: boolean } };

describe.skipIf(skipBrowserTests)("a website's HTTPS from the panel", { timeout: 120_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;
  let api: KeelApi;
  let page: Page;
  let customerId: string;
  let siteId: string;
  const domain = 'secure.shop.test';

  const section = () => page.getByRole('region', { name: 'Websites' });
  const site = () => api.request<Site>('GET', `/customers/${customerId}/websites/${siteId}`);

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
    api = await KeelApi.signIn(keel.url, admin.email, admin.password);
    const created = await api.createCustomer('Tess', 'Lock', 'tess@lock.test');
    customerId = created.customer.id;
    siteId = (await api.request<Site>('POST', `/customers/${customerId}/websites`, { domain })).id;
    ({ page } = await openKeel(browser, keel.url));
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  test('uploads a certificate (refusing one for another name), redirects HTTP, orders from the CA', async () => {
    const [own, other] = await Promise.all([
      selfSignedCertificate([domain]),
      selfSignedCertificate(['elsewhere.test']),
    ]);
    await signIn(page, admin.email, admin.password);
    await page.goto(`/customers/${customerId}`);
    const row = section().getByRole('row').filter({ hasText: domain });
    await row.getByText('HTTP only').waitFor();
    await row.getByRole('button', { name: `HTTPS of ${domain}` }).click();
    const https = dialog(page, `HTTPS of ${domain}`);
    const certificate = https.getByRole('textbox', { name: 'Certificate (PEM)' });
    await certificate.fill(other.certificate);
    await https.getByRole('textbox', { name: 'Private key (PEM, unencrypted)' }).fill(other.privateKey);
    await https.getByRole('button', { name: 'Upload certificate' }).click();
    await https.getByText(`The certificate does not cover ${domain}.`).waitFor();
    expect(await certificate.getAttribute('aria-invalid')).toBe('true');
    expect((await site()).tls.state).toBe('none');
    await inspect(page, 'website-certificate-refused');

    await certificate.fill(own.certificate);
    await https.getByRole('textbox', { name: 'Private key (PEM, unencrypted)' }).fill(own.privateKey);
    await https.getByRole('button', { name: 'Upload certificate' }).click();
    await https.getByText(/^HTTPS until /).waitFor();
    await https.getByText(domain, { exact: true }).waitFor();
    expect((await site()).tls).toMatchObject({ state: 'issued', source: 'uploaded' });

    await https.getByRole('switch', { name: 'Redirect HTTP to HTTPS' }).click({ force: true });
    await expect.poll(async () => (await site()).tls.redirectHttp).toBe(true);
    await inspect(page, 'website-https-dialog');

    await https.getByRole('button', { name: 'Request certificate' }).click();
    await https.getByRole('button', { name: 'Renew now' }).waitFor();
    expect((await site()).tls).toMatchObject({ state: 'pending', source: 'acme' });
    await https.getByRole('button', { name: 'Close', exact: true }).first().click();
    await row.getByText('Certificate ordered…').waitFor();
  });
});
