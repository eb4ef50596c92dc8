import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { chooseFromRowMenu, dialog, navigate, see, signIn, signOut } from './support/panel.js';

type Backup = { id: string; state: string; contents: { files: boolean } };
type BackupSettings = { schedule: string; keepDaily: number; keepWeekly: number; keepAfterPurgeDays: number };

describe.skipIf(skipBrowserTests)('backups from the panel', { timeout: 180_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;
  let api: KeelApi;
  let page: Page;
  let customerId: string;
  let customerPassword: string;
  let indexFile: string;

  const section = () => page.getByRole('region', { name: 'Backups', exact: true });
  const backupRows = () => section().getByRole('region', { name: 'Backups list' }).getByRole('row');
  const jobRows = () => section().getByRole('region', { name: 'Backup jobs' }).getByRole('row');
  const backups = () =>
    api.request<{ items: Backup[] }>('GET', `/customers/${customerId}/backups`).then((list) => list.items);

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
    api = await KeelApi.signIn(keel.url, admin.email, admin.password);
    const created = await api.createCustomer('Lena', 'Brook', 'lena@brook.test');
    customerId = created.customer.id;
    customerPassword = created.password;
    // Deleted before any schedule is on, so that no scheduled backup of his can come between.
    const leaving = await api.createCustomer('Otto', 'Leaving', 'otto@leaving.test');
    await api.request('DELETE', `/customers/${leaving.customer.id}`);
    // The site's files, as the customer would have uploaded them into its home.
    const site = join(keel.dataDir, 'homes', customerId, 'site');
    await mkdir(site, { recursive: true });
    indexFile = join(site, 'index.html');
    await writeFile(indexFile, 'Brook bakery: opening hours 8 to 18');
    ({ page } = await openKeel(browser, keel.url));
    await signIn(page, admin.email, admin.password);
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  test('a backup taken now is listed with its contents once the job has finished', async () => {
    await page.goto(`/customers/${customerId}`);
    await section().getByText('No backups yet.').waitFor();
    await section().getByRole('button', { name: 'Back up now' }).click();
    await see(page, 'Backup started');
    const row = backupRows().filter({ hasText: 'Manual' });
    await row.getByText('Ready').waitFor({ timeout: 60_000 });
    await row.getByText('Files', { exact: true }).waitFor();
    await row.getByText(/^\d+(\.\d)? (bytes|KB)$/).waitFor();
    const job = jobRows().filter({ hasText: /^Backup of / });
    await job.getByText('Done').waitFor();
    const [backup] = await backups();
    expect(backup).toMatchObject({ state: 'ready', contents: { files: true } });
    await inspect(page, 'backups-ready');
  });

  test('restoring the files after a change puts them back, and the job is seen to finish', async () => {
    await writeFile(indexFile, 'Defaced');
    const row = backupRows().filter({ hasText: 'Manual' });
    await row.getByRole('button', { name: /^Restore the backup of / }).click();
    const restore = dialog(page, /^Restore Lena Brook from the backup of .+\?$/);
    const files = restore.getByRole('checkbox', { name: 'Files' });
    expect(await files.isChecked()).toBe(true);
    await restore.getByText(/files made since are gone/).waitFor();
    // This backup holds no databases: that part cannot be chosen.
    expect(await restore.getByRole('checkbox', { name: 'Databases' }).isDisabled()).toBe(true);
    await inspect(page, 'backups-restore-dialog');
    await restore.getByRole('button', { name: 'Restore' }).click();
    await restore.waitFor({ state: 'detached' });
    await see(page, /^Restore of the backup of .+ started$/);
    const job = jobRows().filter({ hasText: /^Restore from the backup of .+: Files/ });
    await job.getByText('Done').waitFor({ timeout: 60_000 });
    expect(await readFile(indexFile, 'utf8')).toBe('Brook bakery: opening hours 8 to 18');
  });

  test('while the customer is suspended the restore is refused with the reason', async () => {
    await api.request('POST', `/customers/${customerId}/suspend`, { reason: 'unpaid' });
    await page.reload();
    const action = backupRows()
      .filter({ hasText: 'Manual' })
      .getByRole('button', { name: /^Restore the backup of / });
    await expect.poll(() => action.getAttribute('aria-disabled')).toBe('true');
    await section().getByText('Customer is suspended; a restore waits until it is active again').waitFor({
      state: 'attached',
    });
    await api.request('POST', `/customers/${customerId}/reactivate`, {});
  });

  test('a deleted backup leaves the list', async () => {
    await page.reload();
    const row = backupRows().filter({ hasText: 'Manual' });
    await row.getByRole('button', { name: /^Delete the backup of / }).click();
    const remove = dialog(page, /^Delete the backup of .+\?$/);
    await remove.getByText(/It can no longer be restored/).waitFor();
    await remove.getByRole('button', { name: 'Delete' }).click();
    await remove.waitFor({ state: 'detached' });
    await section().getByText('No backups yet.').waitFor();
    expect(await backups()).toEqual([]);
  });

  test('the customer sees its own backups on its dashboard and takes one', async () => {
    await signOut(page);
    await signIn(page, 'lena@brook.test', customerPassword);
    await section().getByText('No backups yet.').waitFor();
    await section().getByRole('button', { name: 'Back up now' }).click();
    await backupRows().filter({ hasText: 'Manual' }).getByText('Ready').waitFor({ timeout: 60_000 });
    await backupRows().filter({ hasText: 'Manual' }).getByText('Files', { exact: true }).waitFor();
    await inspect(page, 'backups-customer-dashboard');
  });

  // After the customer's own backup: once saved, the daily schedule backs Lena up at the next sweep
  // (every 30 s), and while that backup is under way the customer's "Back up now" is refused.
  test('the admin saves a daily schedule with its retention', async () => {
    await signOut(page);
    await signIn(page, admin.email, admin.password);
    await navigate(page, 'Backups', 'Backup settings');
    await page.getByRole('radio', { name: 'Daily' }).check();
    await page.getByRole('textbox', { name: 'Keep daily backups (days)' }).fill('10');
    await page.getByRole('textbox', { name: 'Keep weekly backups (weeks)' }).fill('6');
    await page
      .getByRole('textbox', { name: 'Keep a final backup after a permanent deletion (days)' })
      .fill('14');
    await inspect(page, 'backups-settings');
    await page.getByRole('button', { name: 'Save' }).click();
    await see(page, 'Backup settings saved');
    expect(await api.request<BackupSettings>('GET', '/settings/backups')).toEqual({
      schedule: 'daily',
      keepDaily: 10,
      keepWeekly: 6,
      keepAfterPurgeDays: 14,
    });
  });

  // Last: the daily schedule saved above may back Lena up meanwhile.
  test('with a final backup kept, the delete and purge dialogs say for how long', async () => {
    await signOut(page);
    await signIn(page, admin.email, admin.password);
    const row = (email: string) =>
      page.getByRole('table', { name: 'Customers' }).getByRole('row').filter({ hasText: email });
    await page.goto('/customers');
    await chooseFromRowMenu(page, row('lena@brook.test'), 'Delete');
    const remove = dialog(page, /^Delete Lena Brook\?$/);
    // How many backups Lena has depends on the daily schedule's sweep; what happens after is fixed.
    await remove
      .getByText(/The permanent deletion first takes a final backup; a final backup is kept for 14 days/)
      .waitFor();
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await page.goto('/customers?status=deleted');
    await chooseFromRowMenu(page, row('otto@leaving.test'), 'Permanently Delete');
    const purge = dialog(page, /^Permanently Delete Otto Leaving\?$/);
    await purge
      .getByText(
        /^It has no backups\. The permanent deletion first takes a final backup; a final backup is kept for 14 days/,
      )
      .waitFor();
    await inspect(page, 'backups-purge-dialog-kept');
    await purge.getByRole('button', { name: 'Cancel' }).click();
  });
});
