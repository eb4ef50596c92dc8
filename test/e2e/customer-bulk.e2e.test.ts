import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, signIn } from './support/panel.js';

describe.skipIf(skipBrowserTests)('bulk actions on the customer list', { timeout: 150_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;
  let api: KeelApi;
  const ids = new Map<string, string>();
  const reseller = { email: 'owner@harbour-hosting.test', password: '' };

  const table = (page: Page) => page.getByRole('table', { name: 'Customers' });
  const row = (page: Page, email: string) => table(page).getByRole('row').filter({ hasText: email });
  const bar = (page: Page) => page.getByRole('region', { name: 'Bulk actions' });
  const barButtons = async (page: Page) =>
    (await bar(page).getByRole('button').allTextContents()).filter((label) => label !== 'Clear selection');

  async function signedIn(email: string, password: string, options = {}) {
    const { context, page } = await openKeel(browser, keel.url, options);
    await signIn(page, email, password);
    return { context, page };
  }

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
    api = await KeelApi.signIn(keel.url, admin.email, admin.password);
    await api.request('POST', '/packages', { name: 'Basic', limits: { sites: 5 } });
    const created = await api.request<{ reseller: { id: string }; password: string }>('POST', '/resellers', {
      name: 'Harbour Hosting',
      email: reseller.email,
    });
    reseller.password = created.password;
    for (const name of ['Alpha', 'Bravo', 'Charlie']) {
      const { customer } = await api.createCustomer(name, 'Crew', `${name.toLowerCase()}@crew.test`);
      ids.set(name, customer.id);
    }
    for (let n = 1; n <= 12; n += 1) {
      await api.createCustomer(`Fleet${n}`, 'Sailor', `fleet${String(n).padStart(2, '0')}@fleet.test`);
    }
    for (const name of ['Harbour', 'Quay']) {
      await api.createCustomer(name, 'Client', `${name.toLowerCase()}@harbour.test`, {
        resellerId: created.reseller.id,
      });
    }
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  test('an admin suspends three chosen customers with a reason; one suspended meanwhile is refused', async () => {
    const { context, page } = await signedIn(admin.email, admin.password);
    await page.goto('/customers?q=crew');
    await row(page, 'charlie@crew.test').waitFor();
    const wholePage = page.getByRole('checkbox', { name: 'Select all customers on this page' });
    expect(await bar(page).count()).toBe(0);

    await page.getByRole('checkbox', { name: 'Select Alpha Crew' }).check();
    await bar(page).getByText('1 selected').waitFor();
    expect(await wholePage.evaluate((box) => (box as HTMLInputElement).indeterminate)).toBe(true);
    await page.getByRole('checkbox', { name: 'Select Bravo Crew' }).check();
    await page.getByRole('checkbox', { name: 'Select Charlie Crew' }).check();
    await bar(page).getByText('3 selected').waitFor();
    expect(await wholePage.isChecked()).toBe(true);
    // Active customers: no Activate, no Restore.
    expect(await barButtons(page)).toEqual(['Suspend', 'Change Package', 'Delete']);
    await inspect(page, 'customers-bulk-bar');

    await bar(page).getByRole('button', { name: 'Suspend' }).click();
    const confirm = dialog(page, 'Suspend 3 customers?');
    const names = await confirm
      .getByRole('list', { name: 'Customers to suspend' })
      .getByRole('listitem')
      .allTextContents();
    expect(names).toEqual([
      'Alpha Crew (alpha@crew.test)',
      'Bravo Crew (bravo@crew.test)',
      'Charlie Crew (charlie@crew.test)',
    ]);
    await confirm
      .getByRole('list', { name: 'What suspension does' })
      .getByText(/can no longer log in/)
      .waitFor();
    await confirm.getByRole('textbox', { name: /Reason/ }).fill('Unpaid invoice 2026-77');
    await inspect(page, 'customers-bulk-suspend-dialog');

    // Another operator suspends Charlie while the dialog is open: the list the panel shows is stale.
    await api.request('POST', `/customers/${ids.get('Charlie')}/suspend`, { reason: 'Spam' });
    await confirm.getByRole('button', { name: 'Suspend 3 customers' }).click();

    const summary = dialog(page, '2 suspended; 1 refused');
    await summary.waitFor();
    expect(await summary.getByRole('list', { name: 'Refused' }).textContent()).toBe(
      'Charlie Crew: Customer is already suspended',
    );
    await inspect(page, 'customers-bulk-summary');
    await summary.getByRole('button', { name: 'Done' }).click();
    await summary.waitFor({ state: 'detached' });

    // The done ones leave the selection, the refused one stays; the rows show the new status.
    await bar(page).getByText('1 selected').waitFor();
    // Focus is back where the operator was working: the bar, which stays for the refused one.
    expect(await bar(page).evaluate((section) => section === document.activeElement)).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Select Charlie Crew' }).isChecked()).toBe(true);
    for (const email of ['alpha@crew.test', 'bravo@crew.test']) {
      await expect.poll(() => row(page, email).textContent()).toContain('Suspended');
      expect(await row(page, email).textContent()).toContain('Unpaid invoice 2026-77');
    }
    expect(await row(page, 'charlie@crew.test').textContent()).toContain('Spam');
    // Charlie, chosen still, is shown as it is now (suspended): Activate instead of Suspend, the
    // word of the row's own action.
    await expect.poll(() => barButtons(page)).toEqual(['Activate', 'Change Package', 'Delete']);
    await row(page, 'charlie@crew.test')
      .getByRole('button', { name: 'More actions for Charlie Crew' })
      .click();
    await page.getByRole('menuitem', { name: 'Activate' }).waitFor();
    await page.keyboard.press('Escape');
    await context.close();
  });

  test('"Select all matching the filter" gathers every page of a search; a new search clears the choice', async () => {
    const { context, page } = await signedIn(admin.email, admin.password, { colorScheme: 'dark' });
    await page.goto('/customers?q=fleet&perPage=10');
    await row(page, 'fleet01@fleet.test').waitFor();
    await page.getByRole('checkbox', { name: 'Select all customers on this page' }).check();
    await bar(page).getByText('10 selected').waitFor();
    await bar(page).getByRole('button', { name: 'Select all 12 customers matching the filter' }).click();
    await bar(page).getByText('12 selected').waitFor();
    await bar(page).getByText('All 12 customers matching the filter are selected.').waitFor();
    await inspect(page, 'customers-bulk-bar-dark');

    await bar(page).getByRole('button', { name: 'Change Package' }).click();
    const confirm = dialog(page, 'Change Package 12 customers?');
    const names = confirm.getByRole('list', { name: 'Customers to change package' }).getByRole('listitem');
    expect(await names.count()).toBe(6);
    expect(await names.last().textContent()).toBe('and 7 more');
    await confirm.getByRole('combobox', { name: 'Package' }).click();
    await page.getByRole('option', { name: 'Basic' }).click();
    await inspect(page, 'customers-bulk-package-dialog-dark');
    await confirm.getByRole('button', { name: 'Change Package 12 customers' }).click();
    const firstChosen = await table(page).getByRole('checkbox').nth(1).getAttribute('aria-label');
    await dialog(page, '12 changed').getByRole('button', { name: 'Done' }).click();

    // All were done, so nothing stays chosen; the customers on the second page changed too.
    await bar(page).waitFor({ state: 'detached' });
    // With the bar gone, focus is on the first chosen customer's row.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(firstChosen);
    await expect.poll(() => row(page, 'fleet01@fleet.test').textContent()).toContain('Basic');
    const fleet = await api.request<{ items: { package: { name: string } | null }[] }>(
      'GET',
      '/customers?q=fleet&perPage=100',
    );
    expect(fleet.items.map((customer) => customer.package?.name)).toEqual(Array(12).fill('Basic'));

    // A new search: what was chosen under the old one is no longer.
    await page.getByRole('checkbox', { name: 'Select Fleet1 Sailor', exact: true }).check();
    await bar(page).getByText('1 selected').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('fleet1');
    await page.waitForURL((url) => url.searchParams.get('q') === 'fleet1');
    await bar(page).waitFor({ state: 'detached' });
    await context.close();
  });

  test('above 1000 matching customers, the bar says the limit and offers no "Select all"', async () => {
    const { context, page } = await signedIn(admin.email, admin.password);
    // The list answers as a large installation's would: an estimated total of many thousands.
    await page.route(
      (url) => url.pathname === '/api/v1/customers',
      async (route) => {
        const response = await route.fetch();
        const json = { ...(await response.json()), total: 48_000, totalIsEstimate: true };
        await route.fulfill({ response, json });
      },
    );
    await page.goto('/customers?perPage=10');
    await row(page, 'fleet01@fleet.test').waitFor();
    await page.getByRole('checkbox', { name: 'Select all customers on this page' }).check();
    await bar(page).getByText('10 selected').waitFor();
    await bar(page)
      .getByText(/at most 1,000 can be changed at once/)
      .waitFor();
    expect(
      await bar(page)
        .getByRole('button', { name: /^Select all/ })
        .count(),
    ).toBe(0);
    await context.close();
  });

  test('a reseller deletes and restores its own customers only', async () => {
    const { context, page } = await signedIn(reseller.email, reseller.password);
    await row(page, 'quay@harbour.test').waitFor();
    expect(await row(page, 'alpha@crew.test').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Select all customers on this page' }).check();
    await bar(page).getByText('2 selected').waitFor();
    expect(
      await bar(page)
        .getByRole('button', { name: /^Select all/ })
        .count(),
    ).toBe(0);

    await bar(page).getByRole('button', { name: 'Delete' }).click();
    const confirm = dialog(page, 'Delete 2 customers?');
    expect(
      await confirm
        .getByRole('list', { name: 'Customers to delete' })
        .getByRole('listitem')
        .allTextContents(),
    ).toEqual(['Harbour Client (harbour@harbour.test)', 'Quay Client (quay@harbour.test)']);
    await confirm.getByText(/it can be restored until it is permanently deleted/).waitFor();
    await inspect(page, 'customers-bulk-delete-dialog');
    await confirm.getByRole('button', { name: 'Delete 2 customers' }).click();
    await dialog(page, '2 deleted').getByRole('button', { name: 'Done' }).click();
    await row(page, 'quay@harbour.test').waitFor({ state: 'detached' });

    await page.getByRole('combobox', { name: 'Status' }).selectOption('deleted');
    await row(page, 'quay@harbour.test').waitFor();
    await page.getByRole('checkbox', { name: 'Select all customers on this page' }).check();
    // Deleted customers: Restore is the only bulk action that applies.
    await bar(page).getByText('2 selected').waitFor();
    expect(await barButtons(page)).toEqual(['Restore']);
    await bar(page).getByRole('button', { name: 'Restore' }).click();
    await dialog(page, 'Restore 2 customers?').getByRole('button', { name: 'Restore 2 customers' }).click();
    await dialog(page, '2 restored').getByRole('button', { name: 'Done' }).click();
    await row(page, 'quay@harbour.test').waitFor({ state: 'detached' });
    await context.close();
  });

  test('at phone width the cards offer no selection', async () => {
    const { context, page } = await signedIn(admin.email, admin.password, { width: 390, height: 844 });
    await page.goto('/customers?q=crew');
    await page.getByRole('list', { name: 'Customers' }).getByText('alpha@crew.test').waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await bar(page).count()).toBe(0);
    await context.close();
  });
});
