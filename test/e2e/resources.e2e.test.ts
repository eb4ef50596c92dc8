import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, oneTimePassword, see, signIn, signOut } from './support/panel.js';

type Database = { id: string; name: string; user: string; enabled: boolean };
type Website = { id: string; domain: string; enabled: boolean };

describe.skipIf(skipBrowserTests)('hosting resources managed from the panel', { timeout: 120_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;
  let api: KeelApi;
  let page: Page;
  let iris: { id: string; password: string };
  let reseller: { email: string; password: string };

  const section = (name: string) => page.getByRole('region', { name });
  const row = (sectionName: string, text: string) =>
    section(sectionName).getByRole('row').filter({ hasText: text });
  const listOf = <T>(kind: string) =>
    api.request<{ items: T[] }>('GET', `/customers/${iris.id}/${kind}`).then((list) => list.items);

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
    api = await KeelApi.signIn(keel.url, admin.email, admin.password);
    const starter = await api.request<{ id: string }>('POST', '/packages', {
      name: 'Starter',
      limits: { sites: 3, databases: 2, dnsZones: 1 },
    });
    const created = await api.createCustomer('Iris', 'Vale', 'iris@vale.test', { packageId: starter.id });
    iris = { id: created.customer.id, password: created.password };
    // Another customer's site, so a domain can be refused as taken.
    const other = await api.createCustomer('Otto', 'Brandt', 'otto@brandt.test');
    await api.request('POST', `/customers/${other.customer.id}/websites`, { domain: 'taken.test' });
    const northwind = await api.request<{ reseller: { id: string }; password: string }>(
      'POST',
      '/resellers',
      {
        name: 'Northwind Hosting',
        email: 'sales@northwind.test',
      },
    );
    reseller = { email: 'sales@northwind.test', password: northwind.password };
    await api.createCustomer('Ruth', 'Hale', 'ruth@hale.test', {
      resellerId: northwind.reseller.id,
      packageId: starter.id,
    });
    ({ page } = await openKeel(browser, keel.url));
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  test('an admin opens a customer from the list and sees its data, usage and activity', async () => {
    await signIn(page, admin.email, admin.password);
    await page.getByRole('table', { name: 'Customers' }).getByRole('link', { name: 'Iris Vale' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iris Vale' }).waitFor();
    const details = section('Customer details');
    await details.getByText('iris@vale.test').waitFor();
    await details.getByText('Starter').waitFor();
    await section('Websites').getByText('0 of 3 websites').waitFor();
    await section('Databases').getByText('0 of 2 databases').waitFor();
    await section('DNS zones').getByText('0 of 1 DNS zone').waitFor();
    await section('Activity')
      .getByText(/created the customer Iris Vale/)
      .waitFor();
    await inspect(page, 'customer-detail');
  });

  test('adding a website shows a refused domain on the field, then the site and its provisioning', async () => {
    await section('Websites').getByRole('button', { name: 'Add website' }).click();
    const add = dialog(page, 'Add website');
    const domain = add.getByRole('textbox', { name: 'Domain' });
    await domain.fill('https://shop.test/');
    await add.getByRole('button', { name: 'Add website' }).click();
    await add.getByText('Enter a domain only, without a path, query or scheme.').waitFor();
    expect(await domain.getAttribute('aria-invalid')).toBe('true');
    await domain.fill('taken.test');
    await add.getByRole('button', { name: 'Add website' }).click();
    await add.getByText('The domain taken.test is already hosted here.').waitFor();
    await inspect(page, 'add-website-taken');
    await domain.fill('Shop.Iris-Vale.test');
    await add.getByRole('button', { name: 'Add website' }).click();
    await add.waitFor({ state: 'detached' });

    const site = row('Websites', 'shop.iris-vale.test');
    await site.getByText('Pending').waitFor();
    // No web server is configured in this test, and the row says so once the reconciler has tried.
    await site.getByText('websites are not provisioned: KEEL_WEB_PORT is not set').waitFor();
    await section('Websites').getByText('1 of 3 websites').waitFor();
  });

  test('a new database shows its password once, with a copy button, and never again', async () => {
    await section('Databases').getByRole('button', { name: 'Add database' }).click();
    const add = dialog(page, 'Add database');
    await add.getByRole('textbox', { name: 'Name' }).fill('Shop!');
    await add.getByRole('button', { name: 'Add database' }).click();
    await add.getByRole('textbox', { name: 'Name' }).and(page.locator('[aria-invalid="true"]')).waitFor();
    await add.getByRole('textbox', { name: 'Name' }).fill('shop');
    await add.getByRole('button', { name: 'Add database' }).click();

    const [database] = await listOf<Database>('databases');
    if (!database) throw new Error('the database was not created');
    const shown = dialog(page, `Database ${database.name} added`);
    await shown.getByText(database.user, { exact: true }).waitFor();
    const password = await oneTimePassword(page);
    await shown.getByRole('button', { name: 'Copy password' }).click();
    await shown.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
    await inspect(page, 'database-password-once');
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });

    await row('Databases', database.name).waitFor();
    await section('Databases').getByText('1 of 2 databases').waitFor();
    expect(await page.content()).not.toContain(password);
  });

  test('Suspend, Delete and Permanently Delete say what happens to what the customer owns, kind by kind', async () => {
    await page.getByRole('button', { name: 'Suspend', exact: true }).click();
    const suspend = dialog(page, 'Suspend Iris Vale?');
    const suspension = suspend.getByRole('list', { name: 'What suspension does' });
    await suspension.getByText('its open sessions and API tokens end at once').waitFor();
    await suspension.getByText(/^1 website: show a “suspended” page \(503\)/).waitFor();
    await suspension.getByText(/^1 database: their users are locked/).waitFor();
    // It owns no DNS zone, and there is no mail: neither is mentioned.
    expect(await suspend.getByText(/DNS zone|mail/i).count()).toBe(0);
    await inspect(page, 'customer-suspend-dialog-with-resources');
    await suspend.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    let remove = dialog(page, 'Delete Iris Vale?');
    await remove
      .getByRole('list', { name: 'What deletion does' })
      .getByText(/^1 database: their users are locked; the data is kept until the permanent deletion/)
      .waitFor();
    await remove.getByText('It has no backups.').waitFor();
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await remove.waitFor({ state: 'detached' });

    // With a backup, the dialog counts it and says it is kept.
    await api.request('POST', `/customers/${iris.id}/backups`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    remove = dialog(page, 'Delete Iris Vale?');
    await remove.getByText('Its 1 backup is kept until the permanent deletion.').waitFor();
    await inspect(page, 'customer-delete-dialog-with-backup');
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await remove.waitFor({ state: 'detached' });
  });

  test('the admin switches the site off and deletes it after a confirmation that says what goes', async () => {
    const site = row('Websites', 'shop.iris-vale.test');
    const enabled = site.getByRole('switch', { name: 'Enabled: shop.iris-vale.test' });
    expect(await enabled.isChecked()).toBe(true);
    await enabled.click({ force: true });
    await see(page, 'Website shop.iris-vale.test switched off');
    await expect.poll(async () => (await listOf<Website>('websites'))[0]?.enabled).toBe(false);
    expect(await enabled.isChecked()).toBe(false);

    await site.getByRole('button', { name: 'Delete shop.iris-vale.test' }).click();
    const confirm = dialog(page, 'Delete shop.iris-vale.test?');
    await confirm
      .getByText(/its virtual host is removed, and its files \(the document root .+\) are deleted/)
      .waitFor();
    await inspect(page, 'delete-website-confirmation');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await confirm.waitFor({ state: 'detached' });
    await site.waitFor({ state: 'detached' });
    await section('Websites').getByText('0 of 3 websites').waitFor();
    expect(await listOf<Website>('websites')).toEqual([]);
  });

  test('the admin changes the database user’s password: a new one, shown once', async () => {
    const [database] = await listOf<Database>('databases');
    if (!database) throw new Error('no database');
    await row('Databases', database.name)
      .getByRole('button', { name: `Change Password of ${database.name}` })
      .click();
    const confirm = dialog(page, `Change Password of ${database.user}?`);
    await confirm.getByText('Programs that connect with the old one are refused').waitFor();
    await confirm.getByRole('button', { name: 'Generate Password' }).click();
    const shown = dialog(page, `New password of ${database.user}`);
    await shown.getByText('Shown only once', { exact: true }).waitFor();
    expect((await oneTimePassword(page)).length).toBeGreaterThan(11);
    await inspect(page, 'database-new-password');
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });
    await section('Activity')
      .getByText(/changed the password of the database/)
      .first()
      .waitFor();
    await signOut(page);
  });

  test('the customer manages its own resources and sees what it uses', async () => {
    await signIn(page, 'iris@vale.test', iris.password);
    await page.waitForURL('**/account');
    // The customer reads its own package's limits, so its dashboard counts against them too.
    await section('Databases').getByText('1 of 2 databases', { exact: true }).waitFor();
    await section('DNS zones').getByText('0 of 1 DNS zone', { exact: true }).waitFor();
    await section('Websites').getByRole('button', { name: 'Add website' }).click();
    const add = dialog(page, 'Add website');
    await add.getByRole('textbox', { name: 'Domain' }).fill('blog.iris-vale.test');
    await add.getByRole('button', { name: 'Add website' }).click();
    await add.waitFor({ state: 'detached' });
    const site = row('Websites', 'blog.iris-vale.test');
    await site.getByRole('switch', { name: 'Enabled: blog.iris-vale.test' }).click({ force: true });
    await see(page, 'Website blog.iris-vale.test switched off');
    await section('Websites').getByText('1 of 3 websites', { exact: true }).waitFor();
    await inspect(page, 'customer-dashboard-resources');

    await site.getByRole('button', { name: 'Delete blog.iris-vale.test' }).click();
    await dialog(page, 'Delete blog.iris-vale.test?').getByRole('button', { name: 'Delete' }).click();
    await site.waitFor({ state: 'detached' });
    await section('Websites').getByText('0 of 3 websites', { exact: true }).waitFor();
    await signOut(page);
  });

  test('a reseller opens its own customer; a deleted customer is offered no new resources', async () => {
    await signIn(page, reseller.email, reseller.password);
    await page.getByRole('table', { name: 'Customers' }).getByRole('link', { name: 'Ruth Hale' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ruth Hale' }).waitFor();
    await section('Websites').getByText('0 of 3 websites').waitFor();
    await signOut(page);

    await api.request('POST', `/customers/${iris.id}/suspend`, { reason: 'Invoice 1043 unpaid' });
    await signIn(page, admin.email, admin.password);
    await page.goto(`/customers/${iris.id}`);
    await section('Customer details').getByText('Invoice 1043 unpaid').waitFor();
    // A suspended customer may still get resources; they stay off while it is suspended.
    expect(
      await section('Websites').getByRole('button', { name: 'Add website' }).getAttribute('aria-disabled'),
    ).toBeNull();

    await api.request('DELETE', `/customers/${iris.id}`);
    await page.reload();
    const addSite = section('Websites').getByRole('button', { name: 'Add website' });
    await addSite.waitFor();
    expect(await addSite.getAttribute('aria-disabled')).toBe('true');
    await section('Websites').getByText('Customer is deleted; restore it first').waitFor();
    // Its database stays listed, read-only until the customer is restored.
    const [database] = await listOf<Database>('databases');
    if (!database) throw new Error('no database');
    const databaseRow = row('Databases', database.name);
    expect(await databaseRow.getByRole('switch', { name: `Enabled: ${database.name}` }).isDisabled()).toBe(
      true,
    );
    for (const action of [`Change Password of ${database.name}`, `Delete ${database.name}`]) {
      const button = databaseRow.getByRole('button', { name: action });
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      expect(await button.getAttribute('aria-describedby')).toBeTruthy();
    }
    await inspect(page, 'customer-detail-deleted');
  });
});
