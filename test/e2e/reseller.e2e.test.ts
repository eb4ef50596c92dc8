import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, navigate, oneTimePassword, see, signIn } from './support/panel.js';

describe.skipIf(skipBrowserTests)(
  'a reseller in the browser, on a phone and in the dark',
  { timeout: 120_000 },
  () => {
    let keel: KeelServer;
    let browser: Browser;
    let page: Page;
    const reseller = { email: 'owner@harbour-hosting.test', password: '' };

    const customers = () => page.getByRole('table', { name: 'Customers' });

    beforeAll(async () => {
      [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
      const api = await KeelApi.signIn(keel.url, admin.email, admin.password);
      const created = await api.request<{ password: string }>('POST', '/resellers', {
        name: 'Harbour Hosting',
        email: reseller.email,
      });
      reseller.password = created.password;
      await api.createCustomer('Otto', 'Elsewhere', 'otto@elsewhere.test');
      ({ page } = await openKeel(browser, keel.url));
      await signIn(page, reseller.email, reseller.password);
    }, 200_000);

    afterAll(async () => {
      await browser?.close();
      await keel?.stop();
    });

    test('sees Customers, Packages and its audit log only, and no Reseller column', async () => {
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link').allTextContents()).toEqual([
        'Customers',
        'Packages',
        'Audit log',
        'API tokens',
        'Two-factor sign-in',
      ]);
      await see(page, 'No customers yet.');
      const headers = await customers().getByRole('columnheader').allTextContents();
      expect(headers).not.toContain('Reseller');
      await inspect(page, 'reseller-customers-empty');

      // Keyboard only: the dialog opens on Enter, focuses its first field, closes on Escape and
      // gives focus back to the button that opened it.
      await page.getByRole('button', { name: 'Create Customer' }).focus();
      await page.keyboard.press('Enter');
      const form = dialog(page, 'Create Customer');
      await form.waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('id')))
        .toBe(await form.getByRole('textbox', { name: 'First Name' }).getAttribute('id'));
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
        .toBe('Create Customer');

      await page.goto('/resellers');
      await page.waitForURL('**/customers');
      await page.goto('/settings/security');
      await page.waitForURL('**/customers');
    });

    test('creates its own package and a customer on it, without a reseller choice', async () => {
      await navigate(page, 'Packages', 'Packages');
      await page.getByRole('button', { name: 'Create Package' }).click();
      const create = dialog(page, 'Create Package');
      await create.getByRole('textbox', { name: 'Name' }).fill('Harbour Small');
      await create.getByRole('textbox', { name: 'Websites' }).fill('1');
      await create.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('row').filter({ hasText: 'Harbour Small' }).waitFor();
      await inspect(page, 'reseller-packages');

      await navigate(page, 'Customers', 'Customers');
      await page.getByRole('button', { name: 'Create Customer' }).click();
      const form = dialog(page, 'Create Customer');
      expect(await form.getByRole('combobox', { name: 'Reseller' }).count()).toBe(0);
      await form.getByRole('textbox', { name: 'First Name' }).fill('Ines');
      await form.getByRole('textbox', { name: 'Last Name' }).fill('Harbour');
      await form.getByRole('textbox', { name: 'Email' }).fill('ines@harbour.test');
      await form.getByRole('combobox', { name: 'Package' }).click();
      await page.getByRole('option', { name: 'Harbour Small' }).click();
      await form.getByRole('button', { name: 'Create' }).click();
      const result = dialog(page, 'Customer created');
      expect((await oneTimePassword(page)).length).toBeGreaterThanOrEqual(15);
      await result.getByRole('button', { name: 'Done' }).click();

      const ines = customers().getByRole('row').filter({ hasText: 'ines@harbour.test' });
      expect(await ines.textContent()).toContain('Harbour Small');
      expect(await customers().getByText('otto@elsewhere.test').count()).toBe(0);
    });

    test('logs in as its own customer and comes back', async () => {
      await customers()
        .getByRole('row')
        .filter({ hasText: 'ines@harbour.test' })
        .getByRole('button', { name: 'Log In as Customer' })
        .click();
      await page.getByText('You are logged in as Ines Harbour (ines@harbour.test)').waitFor();
      await page.getByRole('button', { name: 'Back to Admin' }).click();
      await page.waitForURL('**/customers');
      await customers().getByText('ines@harbour.test').waitFor();
    });

    test('its audit log holds its own and its customers’ events', async () => {
      await navigate(page, 'Audit log', 'Audit log');
      const log = page.getByRole('table', { name: 'Audit events' });
      await log
        .getByText(/\(reseller\) logged in as/)
        .first()
        .waitFor();
      await log
        .getByText(/created the customer/)
        .first()
        .waitFor();
      expect(await log.getByText('otto@elsewhere.test').count()).toBe(0);
      await inspect(page, 'reseller-audit-log');
    });

    test('works on a 390-pixel phone screen in the dark theme', async () => {
      const phone = await openKeel(browser, keel.url, { width: 390, height: 844, colorScheme: 'dark' });
      const small = phone.page;
      await signIn(small, reseller.email, reseller.password);
      expect(await small.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe('dark');
      // At phone width the customers are cards, a list, not a table.
      await small.getByRole('list', { name: 'Customers' }).getByText('ines@harbour.test').waitFor();
      const pageWidth = await small.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth).toBeLessThanOrEqual(390);
      await inspect(small, 'phone-dark-customers');

      await small.getByRole('button', { name: 'Open navigation' }).click();
      await small.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Packages' }).click();
      await small.getByRole('heading', { name: 'Packages' }).waitFor();
      // The loaded list, not its loading state, is what the check is about.
      await small.getByRole('row').filter({ hasText: 'Harbour Small' }).waitFor();
      await inspect(small, 'phone-dark-packages');

      await small.getByRole('button', { name: 'Open navigation' }).click();
      await small.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
      await small
        .getByRole('list', { name: 'Customers' })
        .getByRole('listitem')
        .filter({ hasText: 'ines@harbour.test' })
        .getByRole('button', { name: 'Log In as Customer' })
        .click();
      await small.getByRole('button', { name: 'Back to Admin' }).waitFor();
      await small.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await inspect(small, 'phone-dark-impersonating');
      await small.getByRole('button', { name: 'Back to Admin' }).click();
      await small.waitForURL('**/customers');
      await phone.context.close();
    });
  },
);
