import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  nginxLayout,
  nginxStateDir,
  siteAccessLog,
} from '../../server/src/provisioning/drivers/nginx/layout.js';
import { expectAccessible, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, signIn } from './support/panel.js';

describe.skipIf(skipBrowserTests)("a website's recent logs in the panel", { timeout: 120_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;
  let page: Page;
  let customerId: string;
  const domain = 'shop.logs-panel.test';

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
    const api = await KeelApi.signIn(keel.url, admin.email, admin.password);
    customerId = (await api.createCustomer('Lia', 'Moor', 'lia@moor.test')).customer.id;
    const site = await api.request<{ id: string }>('POST', `/customers/${customerId}/websites`, { domain });
    // This Keel runs no nginx (no KEEL_WEB_PORT): the lines are put where its nginx writes them.
    const log = siteAccessLog(nginxLayout(nginxStateDir(keel.dataDir)), site.id);
    await mkdir(path.dirname(log), { recursive: true });
    await writeFile(
      log,
      [
        `203.0.113.7 - - [06/Dec/2026:03:00:00 +0000] "GET /cart HTTP/1.1" 200 512 "-" "Browser"`,
        `203.0.113.8 - - [06/Dec/2026:03:00:01 +0000] "GET /checkout HTTP/1.1" 404 153 "-" "Browser"`,
        '',
      ].join('\n'),
    );
    ({ page } = await openKeel(browser, keel.url));
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  test('the requests are shown newest last, and the error log says when it is empty', async () => {
    await signIn(page, admin.email, admin.password);
    await page.goto(`/customers/${customerId}`);
    const row = page.getByRole('region', { name: 'Websites' }).getByRole('row').filter({ hasText: domain });
    await row.getByRole('button', { name: `Logs of ${domain}` }).click();
    const logs = dialog(page, `Logs of ${domain}`);
    const requests = logs.getByLabel('Request log');
    await requests.waitFor();
    const text = await requests.textContent();
    expect(text?.indexOf('GET /cart')).toBeLessThan(text?.indexOf('GET /checkout') ?? -1);
    await expectAccessible(page, 'website logs dialog');
    await logs.getByText('Errors', { exact: true }).click();
    await logs.getByText('Nothing logged yet: the site has had no error.').waitFor();
  });
});
