import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, skipBrowserTests } from './support/browser.js';
import { type CustomerOnPackage, startWithCustomerOnPackage } from './support/customerOnPackage.js';
import type { KeelApi } from './support/keelApi.js';
import { admin } from './support/keelServer.js';
import { dialog, oneTimePassword, see, signIn } from './support/panel.js';

type FtpAccount = { id: string; user: string; directory: string; enabled: boolean };

describe.skipIf(skipBrowserTests)('FTP accounts managed from the panel', { timeout: 120_000 }, () => {
  let started: CustomerOnPackage | undefined;
  let api: KeelApi;
  let page: Page;
  let customerId: string;

  const section = () => page.getByRole('region', { name: 'FTP accounts' });
  const accounts = () =>
    api
      .request<{ items: FtpAccount[] }>('GET', `/customers/${customerId}/ftp-accounts`)
      .then((list) => list.items);

  beforeAll(async () => {
    started = await startWithCustomerOnPackage({
      package: { name: 'Uploads', limits: { ftpAccounts: 2 } },
      customer: { firstName: 'Nora', lastName: 'Quill', email: 'nora@quill.test' },
    });
    ({ api, page, customerId } = started);
  }, 200_000);

  afterAll(() => started?.stop());

  test('a new FTP account shows its password once, with a copy button, then its row and state', async () => {
    await signIn(page, admin.email, admin.password);
    await page.goto(`/customers/${customerId}`);
    await section().getByText('0 of 2 FTP accounts').waitFor();
    await section().getByRole('button', { name: 'Add FTP account' }).click();
    const add = dialog(page, 'Add FTP account');
    const user = add.getByRole('textbox', { name: 'User' });
    const directory = add.getByRole('textbox', { name: 'Directory' });
    const invalid = page.locator('[aria-invalid="true"]');
    await user.fill('web-site');
    await directory.fill('sites/../../other');
    await add.getByRole('button', { name: 'Add FTP account' }).click();
    await user.and(invalid).waitFor();
    await directory.and(invalid).waitFor();
    await add.getByText("The directory must stay inside the customer's home (no '..').").waitFor();
    await user.fill('web');
    await add.getByRole('button', { name: 'Add FTP account' }).click();
    // The first refusal goes once the second is sent; the second blames the directory alone.
    await expect.poll(() => user.getAttribute('aria-invalid')).not.toBe('true');
    await directory.and(invalid).waitFor();
    expect(await user.getAttribute('aria-invalid')).not.toBe('true');
    expect(await accounts()).toEqual([]);
    await inspect(page, 'ftp-directory-refused');
    await directory.fill('/sites/shop/');
    await add.getByRole('button', { name: 'Add FTP account' }).click();
    await page.getByRole('dialog', { name: /^FTP account \S+ added$/ }).waitFor();

    const [account] = await accounts();
    if (!account) throw new Error('the FTP account was not created');
    expect(account.directory).toBe('sites/shop');
    const shown = dialog(page, `FTP account ${account.user} added`);
    await shown.getByText(account.user, { exact: true }).waitFor();
    const password = await oneTimePassword(page);
    await shown.getByRole('button', { name: 'Copy password' }).click();
    await shown.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
    await inspect(page, 'ftp-password-once');
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });

    const row = section().getByRole('row').filter({ hasText: account.user });
    await row.getByText('/sites/shop', { exact: true }).waitFor();
    // No FTP ports are configured in this test, and the row says so once the reconciler has tried.
    await row
      .getByText('FTP accounts are not served: KEEL_FTP_PORT and KEEL_FTP_PASSIVE_PORTS are not set')
      .waitFor();
    await section().getByText('1 of 2 FTP accounts').waitFor();
    expect(await page.content()).not.toContain(password);
    await inspect(page, 'ftp-accounts-section');
  });

  test('the admin generates a new password, switches the account off and deletes it', async () => {
    const [account] = await accounts();
    if (!account) throw new Error('no FTP account');
    const row = section().getByRole('row').filter({ hasText: account.user });
    await row.getByRole('button', { name: `Change Password of ${account.user}` }).click();
    const confirm = dialog(page, `Change Password of ${account.user}?`);
    await confirm.getByRole('button', { name: 'Generate Password' }).click();
    const shown = dialog(page, `New password of ${account.user}`);
    expect((await oneTimePassword(page)).length).toBeGreaterThan(11);
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });

    await row.getByRole('switch', { name: `Enabled: ${account.user}` }).click({ force: true });
    await see(page, `FTP account ${account.user} switched off`);
    await expect.poll(async () => (await accounts())[0]?.enabled).toBe(false);

    await row.getByRole('button', { name: `Delete ${account.user}` }).click();
    const remove = dialog(page, `Delete ${account.user}?`);
    await remove.getByText(/its open sessions are closed/).waitFor();
    await inspect(page, 'delete-ftp-account-confirmation');
    await remove.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    await section().getByText('0 of 2 FTP accounts').waitFor();
    expect(await accounts()).toEqual([]);
  });
});
