import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, navigate, oneTimePassword, see, signIn, signOut } from './support/panel.js';

describe.skipIf(skipBrowserTests)('admin pages in the browser', { timeout: 120_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
    ({ page } = await openKeel(browser, keel.url));
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  test('sign-in refuses a wrong password with one message, then lets the admin in', async () => {
    await page.goto('/');
    await inspect(page, 'sign-in');
    await page.getByLabel('Email').fill(admin.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    await inspect(page, 'sign-in-wrong-password');

    await signIn(page, admin.email, admin.password);
    expect(new URL(page.url()).pathname).toBe('/customers');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const link of [
      'Customers',
      'Resellers',
      'Packages',
      'Servers',
      'Audit log',
      'Security',
      'Platform',
      'Backups',
      'API tokens',
    ]) {
      await nav.getByRole('link', { name: link, exact: true }).waitFor();
    }
  });

  test('resellers: create with a one-time password, edit, delete', async () => {
    await navigate(page, 'Resellers', 'Resellers');
    await see(page, 'No resellers yet.');
    await inspect(page, 'resellers-empty');

    await page.getByRole('button', { name: 'Create Reseller' }).click();
    const create = dialog(page, 'Create Reseller');
    await create.getByRole('textbox', { name: 'Name' }).fill('Northwind Hosting');
    await create.getByRole('textbox', { name: 'Email' }).fill('sales@northwind.test');
    await create.getByRole('textbox', { name: 'Company' }).fill('Northwind Ltd');
    await inspect(page, 'reseller-create-dialog');
    await create.getByRole('button', { name: 'Create' }).click();

    const created = dialog(page, 'Reseller created');
    await created.getByText('Shown only once', { exact: true }).waitFor();
    await created.getByText('sales@northwind.test').waitFor();
    expect((await oneTimePassword(page)).length).toBeGreaterThanOrEqual(15);
    await inspect(page, 'reseller-created-dialog');
    await created.getByRole('button', { name: 'Done' }).click();

    const row = page.getByRole('row').filter({ hasText: 'sales@northwind.test' });
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = dialog(page, 'Edit Reseller');
    await edit.getByRole('textbox', { name: 'Name' }).fill('Northwind Web');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row').filter({ hasText: 'Northwind Web' }).waitFor();
    await inspect(page, 'resellers');

    await page.getByRole('button', { name: 'Create Reseller' }).click();
    const second = dialog(page, 'Create Reseller');
    await second.getByRole('textbox', { name: 'Name' }).fill('Temporary Reseller');
    await second.getByRole('textbox', { name: 'Email' }).fill('temp@reseller.test');
    await second.getByRole('button', { name: 'Create' }).click();
    await dialog(page, 'Reseller created').getByRole('button', { name: 'Done' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'temp@reseller.test' })
      .getByRole('button', { name: 'Delete' })
      .click();
    const remove = dialog(page, /Delete reseller/);
    await inspect(page, 'reseller-delete-dialog');
    await remove.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('row').filter({ hasText: 'temp@reseller.test' }).waitFor({ state: 'detached' });
  });

  test('packages: create with limits, edit a limit, delete', async () => {
    await navigate(page, 'Packages', 'Packages');
    await page.getByRole('button', { name: 'Create Package' }).click();
    const create = dialog(page, 'Create Package');
    await create.getByRole('textbox', { name: 'Name' }).fill('Starter');
    await create.getByRole('textbox', { name: 'Websites' }).fill('3');
    await create.getByRole('textbox', { name: 'Databases' }).fill('2');
    await inspect(page, 'package-create-dialog');
    await create.getByRole('button', { name: 'Create' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Starter' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Unlimited');

    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = dialog(page, 'Edit Package');
    await edit.getByRole('textbox', { name: 'Mailboxes' }).fill('10');
    await edit.getByRole('textbox', { name: 'Server group' }).fill('eu-west');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await see(page, 'Package Starter saved');
    await row.getByText('eu-west', { exact: true }).waitFor();
    await inspect(page, 'packages');

    await page.getByRole('button', { name: 'Create Package' }).click();
    const second = dialog(page, 'Create Package');
    await second.getByRole('textbox', { name: 'Name' }).fill('Retired');
    await second.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('row').filter({ hasText: 'Retired' }).waitFor();

    const packageNames = () =>
      page.getByRole('table', { name: 'Packages' }).locator('tbody tr td:first-child').allTextContents();
    expect(await packageNames()).toEqual(['Retired', 'Starter']);
    const nameHeader = page.getByRole('columnheader', { name: 'Name' });
    await nameHeader.getByRole('button').click();
    await nameHeader.getByRole('button').click();
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(packageNames).toEqual(['Starter', 'Retired']);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-name');

    await page
      .getByRole('row')
      .filter({ hasText: 'Retired' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await inspect(page, 'package-delete-dialog');
    await dialog(page, /Delete package/)
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByRole('row').filter({ hasText: 'Retired' }).waitFor({ state: 'detached' });
  });

  test('settings: security policy and platform retention are saved', async () => {
    await navigate(page, 'Security', 'Security settings');
    const minimum = page.getByRole('textbox', { name: 'Minimum length' });
    expect(await minimum.inputValue()).toBe('15');
    await minimum.fill('16');
    await page.getByRole('switch', { name: 'Require a digit' }).check({ force: true });
    await inspect(page, 'settings-security');
    await page.getByRole('button', { name: 'Save' }).click();
    await see(page, 'Security settings saved');

    await navigate(page, 'Platform', 'Platform settings');
    const days = page.getByRole('textbox', { name: /Permanently delete/ });
    expect(await days.inputValue()).toBe('30');
    await days.fill('14');
    await inspect(page, 'settings-platform');
    await page.getByRole('button', { name: 'Save' }).click();
    await see(page, 'Platform settings saved');

    await page.reload();
    await page.getByRole('heading', { name: 'Platform settings' }).waitFor();
    expect(await page.getByRole('textbox', { name: /Permanently delete/ }).inputValue()).toBe('14');
    await navigate(page, 'Security', 'Security settings');
    expect(await page.getByRole('textbox', { name: 'Minimum length' }).inputValue()).toBe('16');
  });

  test('audit log: what the admin did reads as sentences', async () => {
    await navigate(page, 'Audit log', 'Audit log');
    const events = page.getByRole('table', { name: 'Audit events' });
    await events.getByText(/\(admin\) created the reseller Northwind Hosting$/).waitFor();
    await events
      .getByText(/\(admin\) changed the security settings/)
      .first()
      .waitFor();
    await inspect(page, 'audit-log');
  });

  test('API tokens: the secret is shown once, works as a bearer token, and stops when revoked', async () => {
    await navigate(page, 'API tokens', 'API tokens');
    await see(page, 'No API tokens yet.');
    await page.getByRole('button', { name: 'New token' }).click();
    const create = dialog(page, 'New API token');
    await create.getByRole('textbox', { name: 'Name' }).fill('billing');
    await inspect(page, 'api-token-new');
    await create.getByRole('button', { name: 'Create token' }).click();
    await dialog(page, 'API token created').getByText('Copy this token now.').waitFor();
    const secret = await oneTimePassword(page);
    await inspect(page, 'api-token-created');
    await page.getByRole('button', { name: 'Done' }).click();
    const tokens = page.getByRole('table', { name: 'API tokens' });
    await tokens.getByRole('row').filter({ hasText: 'billing' }).waitFor();

    const asScript = () =>
      fetch(`${keel.url}/api/v1/customers`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await asScript()).status).toBe(200);
    await page.reload();
    // Last used, with the address it came from (its expiry still reads "Never").
    await tokens
      .getByRole('row')
      .filter({ hasText: 'billing' })
      .filter({ hasText: 'from 127.0.0.1' })
      .waitFor();
    await inspect(page, 'api-tokens');

    await page.getByRole('button', { name: 'Revoke billing' }).click();
    await dialog(page, 'Revoke API token').getByRole('button', { name: 'Revoke token' }).click();
    await see(page, 'No API tokens yet.');
    expect((await asScript()).status).toBe(401);
  });

  test('sign out ends the session', async () => {
    await signOut(page);
    await page.goto('/customers');
    await page.getByRole('heading', { name: 'Sign in to Keel' }).waitFor();
  });
});
