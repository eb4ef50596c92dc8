import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, signIn } from './support/panel.js';

type Website = { id: string; domain: string; php: { enabled: boolean; version: string | null } };

describe.skipIf(skipBrowserTests)("a website's PHP managed from the panel", { timeout: 120_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;
  let api: KeelApi;
  let page: Page;
  let customerId: string;
  let versions: string[];

  const section = () => page.getByRole('region', { name: 'Websites' });
  const siteRow = () => section().getByRole('row').filter({ hasText: 'blog.php-panel.test' });
  const site = () =>
    api
      .request<{ items: Website[] }>('GET', `/customers/${customerId}/websites`)
      .then((list) => list.items[0]);

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
    api = await KeelApi.signIn(keel.url, admin.email, admin.password);
    ({ versions } = await api.request<{ versions: string[] }>('GET', '/settings/php-versions'));
    const created = await api.createCustomer('Pia', 'Hart', 'pia@hart.test');
    customerId = created.customer.id;
    await api.request('POST', `/customers/${customerId}/websites`, { domain: 'blog.php-panel.test' });
    ({ page } = await openKeel(browser, keel.url));
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  test('PHP is switched on with a version the server has, shown on the row, then off again', async () => {
    await signIn(page, admin.email, admin.password);
    await page.goto(`/customers/${customerId}`);
    await siteRow().getByRole('cell', { name: 'Off', exact: true }).waitFor();
    await siteRow().getByRole('button', { name: 'PHP of blog.php-panel.test' }).click();
    const php = dialog(page, 'PHP of blog.php-panel.test');
    const newest = versions.at(-1);
    if (newest === undefined) {
      await php.getByText('No PHP version is installed on this server.').waitFor();
      return;
    }
    await php.getByRole('switch', { name: 'Run PHP' }).check();
    await php.getByRole('combobox', { name: 'PHP version' }).click();
    const offered = await page.getByRole('listbox').getByRole('option').allTextContents();
    expect(offered).toEqual(versions);
    await page.getByRole('option', { name: newest, exact: true }).click();
    await inspect(page, 'website-php-dialog');
    await php.getByRole('button', { name: 'Save PHP settings' }).click();
    await php.waitFor({ state: 'detached' });
    await siteRow()
      .getByRole('cell', { name: `PHP ${newest}` })
      .waitFor();
    expect((await site())?.php).toEqual({ enabled: true, version: newest });

    await siteRow().getByRole('button', { name: 'PHP of blog.php-panel.test' }).click();
    await php.getByRole('switch', { name: 'Run PHP' }).uncheck();
    await php.getByRole('button', { name: 'Save PHP settings' }).click();
    await php.waitFor({ state: 'detached' });
    await siteRow().getByRole('cell', { name: 'Off', exact: true }).waitFor();
    expect((await site())?.php).toEqual({ enabled: false, version: newest });
  });
});
