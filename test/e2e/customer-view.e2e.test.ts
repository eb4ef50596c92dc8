import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, navigate, see, signIn, signOut } from './support/panel.js';

const mia = { firstName: 'Mia', lastName: 'Stone', email: 'mia@stone.test' };

describe.skipIf(skipBrowserTests)('impersonation and the customer’s own view', { timeout: 120_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;
  let api: KeelApi;
  let miaId: string;
  let miaPassword: string;
  let page: Page;

  const attemptSignIn = async (target: Page, email: string, password: string) => {
    await target.goto('/');
    await target.getByLabel('Email').fill(email);
    await target.getByRole('textbox', { name: 'Password' }).fill(password);
    await target.getByRole('button', { name: 'Sign in' }).click();
  };

  /** Waits until the browser tab says "<page> · Keel". */
  const titled = async (target: Page, name: string) => {
    await expect.poll(() => target.title()).toBe(`${name} · Keel`);
  };

  /** True when the point at the centre of the named button is the button or inside it. */
  const uncovered = (target: Page, name: string) =>
    target.getByRole('button', { name, exact: true }).evaluate((button) => {
      const box = button.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit !== null && button.contains(hit);
    });

  const visibleToasts = (target: Page) => target.locator('.mantine-Notification-root:visible').count();

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
    api = await KeelApi.signIn(keel.url, admin.email, admin.password);
    const created = await api.createCustomer(mia.firstName, mia.lastName, mia.email);
    miaId = created.customer.id;
    miaPassword = created.password;
    await api.request('POST', `/customers/${miaId}/websites`, { domain: 'mia-stone.test' });
    ({ page } = await openKeel(browser, keel.url));
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  test('“Log In as Customer” opens the customer’s view under a yellow banner', async () => {
    await signIn(page, admin.email, admin.password);
    await page
      .getByRole('table', { name: 'Customers' })
      .getByRole('row')
      .filter({ hasText: mia.email })
      .getByRole('button', { name: 'Log In as Customer' })
      .click();
    const banner = page.getByRole('region', { name: 'Impersonation' });
    await banner.getByText(`You are logged in as Mia Stone (${mia.email})`).waitFor();
    await page.waitForURL('**/account');
    await titled(page, 'Dashboard');
    // The banner says whom support acts as; no toast repeats it over "Back to Admin".
    expect(await page.getByText(/You are now logged in as/).count()).toBe(0);
    await see(page, 'mia-stone.test');
    await see(page, 'The password cannot be changed while logged in as the customer');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Dashboard',
      'Activity log',
      'API tokens',
      'Two-factor sign-in',
    ]);
    await inspect(page, 'impersonating-dashboard');

    await navigate(page, 'Two-factor sign-in', 'Two-factor sign-in');
    await see(page, 'Two-factor sign-in cannot be changed while support is logged in as you.');
    expect(await page.getByRole('button', { name: 'Set up two-factor sign-in' }).count()).toBe(0);

    await navigate(page, 'API tokens', 'API tokens');
    await titled(page, 'API tokens');
    await see(page, 'API tokens cannot be created while support is logged in as you.');
    expect(await page.getByRole('button', { name: 'New token' }).isDisabled()).toBe(true);
    await navigate(page, 'Dashboard', 'Dashboard');

    await navigate(page, 'Activity log', 'Activity log');
    await titled(page, 'Activity log');
    await page
      .getByRole('table', { name: 'Activity' })
      .getByText(/\(admin\) logged in as/)
      .first()
      .waitFor();
    await inspect(page, 'impersonating-activity');
  });

  test('toasts cover neither "Sign out" nor "Back to Admin", and at most three show at once', async () => {
    await navigate(page, 'Dashboard', 'Dashboard');
    const enabled = page.getByRole('switch', { name: 'Enabled: mia-stone.test' });
    // Four changes in a row, each with its toast: the fourth waits until one of three has gone.
    for (const expected of [false, true, false, true]) {
      await enabled.click({ force: true });
      await expect.poll(() => enabled.isChecked()).toBe(expected);
      await expect.poll(() => enabled.isDisabled()).toBe(false);
      await page
        .getByText(`mia-stone.test switched ${expected ? 'on' : 'off'}`)
        .first()
        .waitFor();
      expect(await visibleToasts(page)).toBeGreaterThan(0);
      expect(await visibleToasts(page)).toBeLessThanOrEqual(3);
      expect(await uncovered(page, 'Sign out')).toBe(true);
      expect(await uncovered(page, 'Back to Admin')).toBe(true);
    }
  });

  test('“Back to Admin” returns to the customers page as the admin', async () => {
    await page.getByRole('button', { name: 'Back to Admin' }).click();
    await page.waitForURL('**/customers');
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await titled(page, 'Customers');
    expect(await page.getByRole('region', { name: 'Impersonation' }).count()).toBe(0);
    await signOut(page);
    await titled(page, 'Sign in');
  });

  test('the customer signs in, sees its dashboard and changes its own password', async () => {
    await signIn(page, mia.email, miaPassword);
    await page.waitForURL('**/account');
    await page.getByRole('region', { name: 'Account' }).getByText(mia.email).waitFor();
    await see(page, 'mia-stone.test');
    // One section per kind the server offers, and none for kinds still to come.
    for (const kind of [
      'Websites',
      'Databases',
      'DNS zones',
      'Mailboxes',
      'Mail aliases',
      'FTP accounts',
      'Cron jobs',
    ])
      await page.getByRole('heading', { name: kind, exact: true }).waitFor();
    await inspect(page, 'customer-dashboard');

    await page.getByRole('button', { name: 'Change Password' }).click();
    const change = dialog(page, 'Change Password');
    await change.getByRole('textbox', { name: 'Current password' }).fill('not my password');
    await change.getByRole('textbox', { name: 'New password' }).fill('Juniper-Falcon-Meadow-4417');
    await change.getByRole('button', { name: 'Change Password' }).click();
    await change.getByText('is not your current password').first().waitFor();
    await inspect(page, 'customer-own-password-dialog');

    await change.getByRole('textbox', { name: 'Current password' }).fill(miaPassword);
    await change.getByRole('button', { name: 'Change Password' }).click();
    await change.waitFor({ state: 'detached' });
    await see(page, 'Password changed');
    miaPassword = 'Juniper-Falcon-Meadow-4417';
  });

  test('the customer adds a DNS zone and edits its records, a refused record marked in its row', async () => {
    const zones = page.getByRole('region', { name: 'DNS zones' });
    await zones.getByRole('button', { name: 'Add DNS zone' }).click();
    const add = dialog(page, 'Add DNS zone');
    await add.getByRole('textbox', { name: 'Domain' }).fill('Mia-Stone.test');
    await add.getByRole('button', { name: 'Add zone' }).click();
    await add.waitFor({ state: 'detached' });
    const row = zones.getByRole('row').filter({ hasText: 'mia-stone.test' });
    await row.getByRole('button', { name: 'Records of mia-stone.test' }).click();

    const records = dialog(page, 'Records of mia-stone.test');
    await records.getByRole('button', { name: 'Add record' }).click();
    await records.getByRole('textbox', { name: 'Name of record 1' }).fill('www');
    await records.getByRole('textbox', { name: 'Value of record 1' }).fill('192.0.2.300');
    // Value, where the long records go, is the widest field of a row.
    const fieldWidths = await records
      .locator('tbody tr')
      .first()
      .locator('input:not([type="hidden"])')
      .evaluateAll((inputs) => inputs.map((input) => input.getBoundingClientRect().width));
    expect(fieldWidths).toHaveLength(4);
    expect(Math.max(...fieldWidths)).toBe(fieldWidths[3]);
    await records.getByRole('button', { name: 'Save records' }).click();
    await records.getByText('Enter an IPv4 address, e.g. 192.0.2.10.').first().waitFor();
    await inspect(page, 'dns-records-refused');
    await records.getByRole('textbox', { name: 'Value of record 1' }).fill('192.0.2.30');
    await records.getByRole('button', { name: 'Save records' }).click();
    await records.waitFor({ state: 'detached' });
    await see(page, 'Records of mia-stone.test saved');
    await row.getByRole('cell', { name: '1', exact: true }).waitFor();
    const listed = await api.request<{ items: { records: unknown[] }[] }>(
      'GET',
      `/customers/${miaId}/dns-zones`,
    );
    expect(listed.items[0]?.records).toEqual([{ name: 'www', type: 'A', ttl: 3600, value: '192.0.2.30' }]);
    await inspect(page, 'customer-dashboard-dns-zone');

    await row.getByRole('button', { name: 'Delete mia-stone.test' }).click();
    await dialog(page, 'Delete mia-stone.test?').getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
  });

  test('the customer’s activity log shows what support did while logged in as it', async () => {
    await navigate(page, 'Activity log', 'Activity log');
    const log = page.getByRole('table', { name: 'Activity' });
    await log
      .getByText(/\(admin\) went back to their own account from/)
      .first()
      .waitFor();
    await log
      .getByText(/\(admin\) as /)
      .first()
      .waitFor();
    await inspect(page, 'customer-activity');
    await signOut(page);
  });

  test('with the setting on, a new customer chooses its own password before it sees its panel', async () => {
    await signIn(page, admin.email, admin.password);
    await navigate(page, 'Security', 'Security settings');
    await titled(page, 'Security settings');
    await page
      .getByRole('switch', {
        name: 'Customers choose their own password at the next sign-in after an admin or reseller set one',
      })
      .check({ force: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await see(page, 'Security settings saved');
    await signOut(page);

    const noor = await api.createCustomer('Noor', 'Haddad', 'noor@haddad.test');
    await signIn(page, 'noor@haddad.test', noor.password);
    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    await titled(page, 'Choose your own password');
    await inspect(page, 'first-sign-in-own-password');
    await page.getByRole('textbox', { name: 'Password you were given' }).fill(noor.password);
    await page.getByRole('textbox', { name: 'New password' }).fill('Saffron-Lantern-Quay-2290');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL('**/account');
    await page.getByRole('region', { name: 'Account' }).getByText('noor@haddad.test').waitFor();
    await signOut(page);
    const security = await api.request<Record<string, unknown>>('GET', '/settings/security');
    await api.request('PUT', '/settings/security', { ...security, requirePasswordChangeAfterReset: false });
  });

  test('support may look into a suspended account, and the banner says it is suspended', async () => {
    await api.request('POST', `/customers/${miaId}/suspend`, { reason: 'unpaid' });
    await signIn(page, admin.email, admin.password);
    // The list as the operator left it: filtered, sorted.
    const listView = '/customers?status=suspended&sort=-email';
    await page.goto(listView);
    await page
      .getByRole('table', { name: 'Customers' })
      .getByRole('row')
      .filter({ hasText: mia.email })
      .getByRole('button', { name: 'Log In as Customer' })
      .click();
    await page
      .getByRole('region', { name: 'Impersonation' })
      .getByText(`You are logged in as Mia Stone (${mia.email}) — this account is suspended`)
      .waitFor();
    await inspect(page, 'impersonating-suspended');

    // Sign out asks whether to end the support session or everything; Back to Admin returns to
    // the list as it was.
    await page.getByRole('button', { name: 'Sign out' }).click();
    const choice = dialog(page, 'Sign out');
    await choice.getByText('You are logged in as Mia Stone.', { exact: false }).waitFor();
    await inspect(page, 'sign-out-while-impersonating');
    await choice.getByRole('button', { name: 'Back to Admin' }).click();
    await page.waitForURL((url) => url.pathname + url.search === listView);
    // The address changes at once; React Router renders the new location as a transition, which a
    // loaded machine may finish a moment later.
    await expect.poll(() => page.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('suspended');
    await expect.poll(() => page.getByRole('region', { name: 'Impersonation' }).count()).toBe(0);
    expect(new URL(page.url()).search).toBe('?status=suspended&sort=-email');

    // Chosen the other way, the operator's own session ends too.
    await page
      .getByRole('table', { name: 'Customers' })
      .getByRole('row')
      .filter({ hasText: mia.email })
      .getByRole('button', { name: 'Log In as Customer' })
      .click();
    await page.getByRole('region', { name: 'Impersonation' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await dialog(page, 'Sign out').getByRole('button', { name: 'Sign Out Completely' }).click();
    await page.getByRole('heading', { name: 'Sign in to Keel' }).waitFor();
    expect(await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.status))).toBe(401);
  });

  test('sign-in explains suspended and deleted accounts and rate limiting', async () => {
    // Signed out whatever the test before left, so its failure cannot fail this one too.
    await page.context().clearCookies();
    await attemptSignIn(page, mia.email, miaPassword);
    await page.getByRole('alert').filter({ hasText: 'This account is suspended.' }).waitFor();
    await inspect(page, 'sign-in-suspended');

    await api.request('DELETE', `/customers/${miaId}`);
    await attemptSignIn(page, mia.email, miaPassword);
    await page.getByRole('alert').filter({ hasText: 'This account has been deleted.' }).waitFor();

    for (let attempt = 0; attempt < 8; attempt += 1) {
      await attemptSignIn(page, 'nobody@keel.test', 'guessing-again-and-again');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      if ((await alert.textContent())?.includes('Too many sign-in attempts')) break;
    }
    await page
      .getByRole('alert')
      .filter({ hasText: /Too many sign-in attempts\. Try again in \d+ seconds?\./ })
      .waitFor();
    await inspect(page, 'sign-in-rate-limited');
  });
});
