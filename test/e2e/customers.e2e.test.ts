import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { chooseFromRowMenu, dialog, oneTimePassword, see, signIn } from './support/panel.js';

const seedColumns = [
  'Name',
  'Company',
  'Email',
  'Status',
  'Reseller',
  'Package',
  'Websites',
  'Databases',
  'Created',
];

describe.skipIf(skipBrowserTests)(
  'customer management by an admin in the browser',
  { timeout: 120_000 },
  () => {
    let keel: KeelServer;
    let browser: Browser;
    let page: Page;

    const table = () => page.getByRole('table', { name: 'Customers' });
    const row = (text: string) => table().getByRole('row').filter({ hasText: text });
    const emailsShown = () =>
      table()
        .getByRole('row')
        .evaluateAll((rows) => rows.slice(1).map((r) => r.querySelectorAll('td')[2]?.textContent ?? ''));

    beforeAll(async () => {
      [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
      const api = await KeelApi.signIn(keel.url, admin.email, admin.password);
      await api.request('POST', '/packages', { name: 'Basic', limits: { sites: 5 } });
      await api.request('POST', '/resellers', { name: 'Northwind Hosting', email: 'sales@northwind.test' });
      for (let n = 1; n <= 11; n += 1) {
        await api.createCustomer(
          `Seeded${n}`,
          'Customer',
          `seeded${String(n).padStart(2, '0')}@example.test`,
        );
      }
      ({ page } = await openKeel(browser, keel.url));
      await signIn(page, admin.email, admin.password);
    }, 200_000);

    afterAll(async () => {
      await browser?.close();
      await keel?.stop();
    });

    test("the list shows the seed document's columns in its order", async () => {
      await row('seeded01@example.test').waitFor();
      const headers = await table().getByRole('columnheader').allTextContents();
      expect(headers.map((h) => h.trim())).toEqual([...seedColumns, 'Actions']);
      await inspect(page, 'customers');
    });

    test('Create Customer shows the email and the generated password once, with a Copy button', async () => {
      await page.getByRole('button', { name: 'Create Customer' }).click();
      const create = dialog(page, 'Create Customer');
      await create.getByRole('textbox', { name: 'First Name' }).fill('Zoe');
      await create.getByRole('textbox', { name: 'Last Name' }).fill('Quill');
      await create.getByRole('textbox', { name: 'Company' }).fill('Quill & Ink');
      await create.getByRole('textbox', { name: 'Email' }).fill('zoe@quill.test');
      await create.getByRole('combobox', { name: 'Reseller' }).click();
      await page.getByRole('option', { name: 'Northwind Hosting' }).click();
      await create.getByRole('combobox', { name: 'Package' }).click();
      await page.getByRole('option', { name: 'Basic' }).click();
      await inspect(page, 'customer-create-dialog');
      await create.getByRole('button', { name: 'Create' }).click();

      const result = dialog(page, 'Customer created');
      await result.getByText('zoe@quill.test').waitFor();
      await result.getByText('Shown only once', { exact: true }).waitFor();
      const password = await oneTimePassword(page);
      expect(password.length).toBeGreaterThanOrEqual(15);
      await result.getByRole('button', { name: 'Copy password' }).click();
      await result.getByRole('button', { name: 'Copied' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
      await inspect(page, 'customer-created-dialog');
      await result.getByRole('button', { name: 'Done' }).click();

      const zoe = row('zoe@quill.test');
      expect(await zoe.textContent()).toContain('Northwind Hosting');
      expect(await zoe.textContent()).toContain('Basic');

      // The new customer can sign in with the password shown.
      const login = await fetch(`${keel.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'zoe@quill.test', password }),
      });
      expect(login.status).toBe(200);
    });

    test('search is debounced into the URL and survives a reload', async () => {
      await page.getByRole('searchbox', { name: 'Search' }).fill('quill');
      await page.waitForURL((url) => url.searchParams.get('q') === 'quill');
      await row('seeded01@example.test').waitFor({ state: 'detached' });
      expect(await emailsShown()).toEqual(['zoe@quill.test']);
      await page.reload();
      expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('quill');
      await row('zoe@quill.test').waitFor();
      await page.getByRole('searchbox', { name: 'Search' }).fill('');
      await page.waitForURL((url) => !url.searchParams.has('q'));
    });

    test('a header click sorts, aria-sort says which way, Back restores the previous order', async () => {
      const email = table().getByRole('columnheader', { name: 'Email' });
      await email.getByRole('button').click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'email');
      await expect.poll(() => email.getAttribute('aria-sort')).toBe('ascending');
      // The rows of the name order stay shown until the sorted page arrives, and they too start
      // with seeded01: wait for the whole page in email order, not for its first row.
      await expect
        .poll(async () => {
          const shown = await emailsShown();
          return shown.length === 12 && shown.join() === [...shown].sort().join();
        })
        .toBe(true);

      await email.getByRole('button').click();
      await page.waitForURL((url) => url.searchParams.get('sort') === '-email');
      await expect.poll(() => email.getAttribute('aria-sort')).toBe('descending');
      await page.waitForFunction(
        () => document.querySelector('tbody tr td:nth-child(3)')?.textContent === 'zoe@quill.test',
      );

      await page.goBack();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'email');
      await expect.poll(() => email.getAttribute('aria-sort')).toBe('ascending');
    });

    test('pagination with a page size', async () => {
      await page.getByRole('combobox', { name: 'Rows per page' }).selectOption('10');
      await page.waitForURL((url) => url.searchParams.get('perPage') === '10');
      await see(page, '12 customers');
      await expect.poll(async () => (await emailsShown()).length).toBe(10);
      await page.getByRole('button', { name: 'Page 2' }).click();
      await page.waitForURL((url) => url.searchParams.get('page') === '2');
      await page.waitForFunction(
        () => document.querySelectorAll('table[aria-label="Customers"] tbody tr').length === 2,
      );
      await inspect(page, 'customers-page-2');
      await page.goto('/customers');
    });

    test('Edit changes the customer', async () => {
      await chooseFromRowMenu(page, row('zoe@quill.test'), 'Edit');
      const edit = dialog(page, 'Edit Customer Zoe Quill');
      expect(await edit.getByRole('textbox', { name: 'First Name' }).inputValue()).toBe('Zoe');
      await edit.getByRole('textbox', { name: 'Company' }).fill('Quill Press');
      await inspect(page, 'customer-edit-dialog');
      await edit.getByRole('button', { name: 'Save' }).click();
      await edit.waitFor({ state: 'detached' });
      await row('Quill Press').waitFor();
    });

    test('Change Password: live policy feedback, the policy reasons, and a generated one shown once', async () => {
      await chooseFromRowMenu(page, row('zoe@quill.test'), 'Change Password');
      const change = dialog(page, /Change Password of Zoe Quill/);
      await change.getByText('Enter a password').click();
      await change.getByRole('textbox', { name: 'New password' }).fill('short');
      await change.getByText('At least 15 characters (not yet)').waitFor();
      await inspect(page, 'customer-password-dialog');
      await change.getByRole('button', { name: 'Change Password' }).click();
      await change.getByRole('alert').waitFor();

      await change.getByRole('textbox', { name: 'New password' }).fill('Velvet-Harbour-Compass-2291');
      await change.getByText('At least 15 characters (met)').waitFor();
      await change.getByRole('button', { name: 'Change Password' }).click();
      await change.waitFor({ state: 'detached' });
      await see(page, 'Password changed');

      await chooseFromRowMenu(page, row('zoe@quill.test'), 'Change Password');
      await dialog(page, /Change Password of Zoe Quill/)
        .getByRole('button', { name: 'Generate Password' })
        .click();
      const result = dialog(page, 'New password');
      await result.getByText('Shown only once', { exact: true }).waitFor();
      expect((await oneTimePassword(page)).length).toBeGreaterThanOrEqual(15);
      await result.getByRole('button', { name: 'Done' }).click();
    });

    test('while a new filter loads, the earlier rows are dimmed and a click on them reaches nothing', async () => {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const suspendedOnly = (url: URL) =>
        url.pathname === '/api/v1/customers' && url.searchParams.get('status') === 'suspended';
      const hold = async (route: Route) => {
        await held;
        await route.continue();
      };
      await page.route(suspendedOnly, hold);
      await page.evaluate(() => {
        const clicked: string[] = [];
        (window as unknown as { clicked: string[] }).clicked = clicked;
        document.addEventListener(
          'click',
          (event) =>
            clicked.push((event.target as Element).closest('button')?.getAttribute('aria-label') ?? ''),
          true,
        );
      });

      await page.getByRole('combobox', { name: 'Status' }).selectOption('suspended');
      await page.getByRole('status', { name: 'Loading customers' }).waitFor();
      const body = table().locator('tbody');
      expect(await body.getAttribute('aria-busy')).toBe('true');
      expect(await body.evaluate((node) => (node as HTMLElement).inert)).toBe(true);
      expect(Number(await body.evaluate((node) => getComputedStyle(node).opacity))).toBeLessThan(0.5);

      // The active customer still on screen: a click on its menu (Suspend …) reaches nothing.
      const stale = body.locator('tr').filter({ hasText: 'seeded01@example.test' });
      const box = await stale.locator('button[aria-label^="More actions for"]').boundingBox();
      if (!box) throw new Error('the earlier row is not on screen');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      expect(await page.evaluate(() => (window as unknown as { clicked: string[] }).clicked)).toEqual(['']);

      release();
      await table().getByText('No customers match.').waitFor();
      expect(await body.getAttribute('aria-busy')).toBe('false');
      expect(await page.getByRole('dialog').count()).toBe(0);
      await page.unroute(suspendedOnly, hold);
      await page.getByRole('combobox', { name: 'Status' }).selectOption('');
      await row('seeded01@example.test').waitFor();
    });

    test('Suspend with a reason, then Activate', async () => {
      await chooseFromRowMenu(page, row('zoe@quill.test'), 'Suspend');
      const suspend = dialog(page, /Suspend Zoe Quill/);
      await suspend
        .getByRole('list', { name: 'What suspension does' })
        .getByText(
          'The customer can no longer log in to the panel; its open sessions and API tokens end at once.',
        )
        .waitFor();
      await suspend.getByText('The customer owns no hosting resources.').waitFor();
      expect(await suspend.getByText(/mail/i).count()).toBe(0);
      await suspend.getByRole('textbox', { name: 'Reason (optional)' }).fill('Unpaid invoice 1042');
      await inspect(page, 'customer-suspend-dialog');
      await suspend.getByRole('button', { name: 'Suspend' }).click();
      await row('zoe@quill.test').getByText('Suspended').waitFor();

      await chooseFromRowMenu(page, row('zoe@quill.test'), 'Activate');
      const activate = dialog(page, /Activate Zoe Quill/);
      await activate.getByText('Unpaid invoice 1042').waitFor();
      await inspect(page, 'customer-activate-dialog');
      await activate.getByRole('button', { name: 'Activate' }).click();
      await row('zoe@quill.test').getByText('Active').waitFor();
    });

    test('Delete lists what the customer owns and when it goes for good; Restore brings it back', async () => {
      await chooseFromRowMenu(page, row('zoe@quill.test'), 'Delete');
      const remove = dialog(page, /Delete Zoe Quill/);
      const owned = remove.getByRole('list', { name: 'What the customer owns' });
      await owned.getByText('0 websites').waitFor();
      await owned.getByText('0 databases').waitFor();
      await owned.getByText('0 DNS zones').waitFor();
      await remove.getByText(/permanently deleted on .* \(in 30 days\)/).waitFor();
      await inspect(page, 'customer-delete-dialog');
      await remove.getByRole('button', { name: 'Delete' }).click();
      await row('zoe@quill.test').waitFor({ state: 'detached' });

      await page.getByRole('combobox', { name: 'Status' }).selectOption('deleted');
      await page.waitForURL((url) => url.searchParams.get('status') === 'deleted');
      await row('zoe@quill.test').getByText('Deleted').waitFor();
      await row('zoe@quill.test')
        .getByText(/^purged /)
        .waitFor();
      await inspect(page, 'customers-deleted');

      await row('zoe@quill.test').getByRole('button', { name: 'Restore' }).click();
      await inspect(page, 'customer-restore-dialog');
      await dialog(page, /Restore Zoe Quill/)
        .getByRole('button', { name: 'Restore' })
        .click();
      await row('zoe@quill.test').waitFor({ state: 'detached' });
      await page.getByRole('combobox', { name: 'Status' }).selectOption('');
      await row('zoe@quill.test').getByText('Active').waitFor();
    });

    test('Permanently delete asks for the email and removes the customer', async () => {
      await chooseFromRowMenu(page, row('seeded11@example.test'), 'Delete');
      await dialog(page, /Delete Seeded11/)
        .getByRole('button', { name: 'Delete' })
        .click();
      await page.getByRole('combobox', { name: 'Status' }).selectOption('deleted');
      await chooseFromRowMenu(page, row('seeded11@example.test'), 'Permanently Delete');
      const purge = dialog(page, /Permanently Delete Seeded11/);
      // The backup setting keepAfterPurgeDays is 0 by default: nothing is kept after the purge.
      await purge
        .getByText('It has no backups. Nothing of it can be restored after the permanent deletion.')
        .waitFor();
      const confirm = purge.getByRole('button', { name: 'Permanently Delete' });
      expect(await confirm.isDisabled()).toBe(true);
      await purge.getByRole('textbox', { name: /Type seeded11@example.test/ }).fill('seeded11@example.test');
      expect(await confirm.isDisabled()).toBe(false);
      await inspect(page, 'customer-purge-dialog');
      await confirm.click();
      await see(page, 'Permanent deletion of Seeded11 Customer has started');
      await page.waitForFunction(
        async (url) =>
          (await fetch(`${url}/api/v1/customers?status=deleted`).then((r) => r.json())).total === 0,
        keel.url,
        { polling: 500, timeout: 30_000 },
      );
    });
  },
);
