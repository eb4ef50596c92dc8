import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, skipBrowserTests } from './support/browser.js';
import { type CustomerOnPackage, startWithCustomerOnPackage } from './support/customerOnPackage.js';
import type { KeelApi } from './support/keelApi.js';
import { admin } from './support/keelServer.js';
import { dialog, oneTimePassword, see, signIn } from './support/panel.js';

type Mailbox = { id: string; address: string; quotaMb: number; enabled: boolean };

describe.skipIf(skipBrowserTests)(
  'mailboxes and aliases managed from the panel',
  { timeout: 120_000 },
  () => {
    let started: CustomerOnPackage | undefined;
    let api: KeelApi;
    let page: Page;
    let mara: { id: string };

    const section = (name: string) => page.getByRole('region', { name });
    const row = (sectionName: string, text: string) =>
      section(sectionName).getByRole('row').filter({ hasText: text });
    const mailboxes = () =>
      api.request<{ items: Mailbox[] }>('GET', `/customers/${mara.id}/mailboxes`).then((list) => list.items);

    beforeAll(async () => {
      started = await startWithCustomerOnPackage({
        package: { name: 'Mail Starter', limits: { mailboxes: 2 } },
        customer: { firstName: 'Mara', lastName: 'Lind', email: 'mara@lind.test' },
      });
      ({ api, page } = started);
      mara = { id: started.customerId };
      await api.request('POST', `/customers/${mara.id}/websites`, { domain: 'lind.test' });
      await signIn(page, admin.email, admin.password);
      await page.goto(`/customers/${mara.id}`);
      await page.getByRole('heading', { level: 1, name: 'Mara Lind' }).waitFor();
    }, 200_000);

    afterAll(() => started?.stop());

    test('a new mailbox: a domain not the customer’s is refused, then the password is shown once', async () => {
      await section('Mailboxes').getByText('0 of 2 mailboxes').waitFor();
      await section('Mail aliases').getByText('0 mail aliases, no limit').waitFor();
      await section('Mailboxes').getByRole('button', { name: 'Add mailbox' }).click();
      const add = dialog(page, 'Add mailbox');
      const address = add.getByRole('textbox', { name: 'Address' });
      await address.fill('info@elsewhere.test');
      await add.getByRole('button', { name: 'Add mailbox' }).click();
      await add.getByText('Add a website or a DNS zone for this domain first.').waitFor();
      expect(await address.getAttribute('aria-invalid')).toBe('true');
      await inspect(page, 'add-mailbox-refused');
      await address.fill('Info@Lind.test');
      await add.getByRole('button', { name: 'Add mailbox' }).click();

      const shown = dialog(page, 'Mailbox info@lind.test added');
      await shown.getByText('info@lind.test', { exact: true }).waitFor();
      const password = await oneTimePassword(page);
      await shown.getByRole('button', { name: 'Copy password' }).click();
      await shown.getByRole('button', { name: 'Copied' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
      await inspect(page, 'mailbox-password-once');
      await shown.getByRole('button', { name: 'Done' }).click();
      await shown.waitFor({ state: 'detached' });

      const mailbox = row('Mailboxes', 'info@lind.test');
      await mailbox.getByText('0 of 1024 MB').waitFor();
      // No mail server is configured in this test, and the row says so once the reconciler has tried.
      await mailbox.getByText('Mail is not served: KEEL_SMTP_PORT is not set').waitFor();
      await section('Mailboxes').getByText('1 of 2 mailboxes').waitFor();
      expect(await page.content()).not.toContain(password);

      // lind.test's DNS is not on this server: the records mail there needs are shown to copy.
      const records = section('Mail DNS records');
      await records.getByText(/publish these records where the domain’s DNS is hosted/).waitFor();
      const { items } = await api.request<{ items: { records: { value: string }[] }[] }>(
        'GET',
        `/customers/${mara.id}/mail-domains`,
      );
      const dkim = items[0]?.records[2]?.value ?? '';
      expect(dkim).toMatch(/^v=DKIM1; k=rsa; p=/);
      await records.getByRole('button', { name: 'Copy the TXT record of keel._domainkey.lind.test' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(dkim);
      await inspect(page, 'mail-dns-records');
    });

    test('the customer list shows a Mailboxes column when chosen, beside the nine columns it keeps', async () => {
      await page.goto('/customers?q=mara%40lind.test');
      const table = page.getByRole('table', { name: 'Customers' });
      await table.getByRole('row').filter({ hasText: 'mara@lind.test' }).waitFor();
      expect(await table.getByRole('columnheader').count()).toBe(10);
      await page.getByRole('combobox', { name: 'Columns' }).selectOption('mailboxes');
      await table.getByRole('columnheader', { name: 'Mailboxes' }).waitFor();
      expect(await table.getByRole('columnheader').count()).toBe(11);
      const maraRow = table.getByRole('row').filter({ hasText: 'mara@lind.test' });
      expect(await maraRow.getByRole('cell').nth(9).textContent()).toBe('1');
      expect(page.url()).toContain('columns=mailboxes');
      await inspect(page, 'customer-list-mailboxes-column');
      await page.goto(`/customers/${mara.id}`);
      await page.getByRole('heading', { level: 1, name: 'Mara Lind' }).waitFor();
    });

    test('the quota and the password of a mailbox change from its row', async () => {
      const mailbox = row('Mailboxes', 'info@lind.test');
      await mailbox.getByRole('button', { name: 'Quota of info@lind.test' }).click();
      const quota = dialog(page, 'Quota of info@lind.test');
      await quota.getByRole('textbox', { name: 'Quota (MB)' }).fill('250');
      await inspect(page, 'mailbox-quota');
      await quota.getByRole('button', { name: 'Save quota' }).click();
      await see(page, 'Quota of info@lind.test set to 250 MB');
      await mailbox.getByText('0 of 250 MB').waitFor();
      expect((await mailboxes())[0]?.quotaMb).toBe(250);

      await mailbox.getByRole('button', { name: 'Change Password of info@lind.test' }).click();
      const confirm = dialog(page, 'Change Password of info@lind.test?');
      await confirm.getByRole('button', { name: 'Generate Password' }).click();
      const shown = dialog(page, 'New password of info@lind.test');
      expect((await oneTimePassword(page)).length).toBeGreaterThan(11);
      await shown.getByRole('button', { name: 'Done' }).click();
      await section('Activity')
        .getByText(/changed the password of the mailbox info@lind\.test/)
        .first()
        .waitFor();
    });

    test('an alias forwards to several addresses; a mailbox is switched off and deleted', async () => {
      await section('Mail aliases').getByRole('button', { name: 'Add mail alias' }).click();
      const add = dialog(page, 'Add mail alias');
      await add.getByRole('textbox', { name: 'Address' }).fill('team@lind.test');
      await add.getByRole('textbox', { name: 'Forward to' }).fill('info@lind.test\nmara@example.net');
      await inspect(page, 'add-mail-alias');
      await add.getByRole('button', { name: 'Add alias' }).click();
      await add.waitFor({ state: 'detached' });
      await row('Mail aliases', 'team@lind.test').getByText('info@lind.test, mara@example.net').waitFor();
      await section('Mail aliases').getByText('1 mail alias, no limit').waitFor();

      const mailbox = row('Mailboxes', 'info@lind.test');
      await mailbox.getByRole('switch', { name: 'Enabled: info@lind.test' }).click({ force: true });
      await see(page, /info@lind.test switched off/);
      await expect.poll(async () => (await mailboxes())[0]?.enabled).toBe(false);
      await mailbox.getByRole('button', { name: 'Delete info@lind.test' }).click();
      const confirm = dialog(page, 'Delete info@lind.test?');
      await confirm.getByText(/every message stored in the mailbox is deleted from disk/).waitFor();
      await inspect(page, 'delete-mailbox-confirmation');
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await mailbox.waitFor({ state: 'detached' });
      await section('Mailboxes').getByText('0 of 2 mailboxes').waitFor();
    });
  },
);
