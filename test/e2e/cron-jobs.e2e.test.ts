import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, skipBrowserTests } from './support/browser.js';
import { type CustomerOnPackage, startWithCustomerOnPackage } from './support/customerOnPackage.js';
import type { KeelApi } from './support/keelApi.js';
import { admin } from './support/keelServer.js';
import { dialog, see, signIn } from './support/panel.js';

type CronJob = {
  id: string;
  command: string;
  enabled: boolean;
  lastRun: { at: string; exitCode: number | null; output: string } | null;
};

describe.skipIf(skipBrowserTests)('cron jobs managed from the panel', { timeout: 150_000 }, () => {
  let started: CustomerOnPackage | undefined;
  let api: KeelApi;
  let page: Page;
  let customerId: string;
  const command = 'echo hello from cron; id -u';

  const section = () => page.getByRole('region', { name: 'Cron jobs' });
  const jobs = () =>
    api.request<{ items: CronJob[] }>('GET', `/customers/${customerId}/cron-jobs`).then((list) => list.items);

  beforeAll(async () => {
    started = await startWithCustomerOnPackage({
      keel: { homesReachable: true },
      package: { name: 'Cron', limits: { cronJobs: 2 } },
      customer: { firstName: 'Otto', lastName: 'Timer', email: 'otto@timer.test' },
    });
    ({ api, page, customerId } = started);
  }, 200_000);

  afterAll(() => started?.stop());

  test('a job added with a schedule runs within its minute and shows its last run and output', async () => {
    await signIn(page, admin.email, admin.password);
    await page.goto(`/customers/${customerId}`);
    await section().getByText('0 of 2 cron jobs').waitFor();
    await section().getByRole('button', { name: 'Add cron job' }).click();
    const add = dialog(page, 'Add cron job');
    const schedule = add.getByRole('textbox', { name: 'Schedule' });
    await schedule.fill('61 * * * *');
    await add.getByRole('textbox', { name: 'Command' }).fill(command);
    await add.getByRole('button', { name: 'Add cron job' }).click();
    await schedule.and(page.locator('[aria-invalid="true"]')).waitFor();
    await add.getByText(/is not a cron schedule/).waitFor();
    expect(await jobs()).toEqual([]);
    await inspect(page, 'cron-schedule-refused');
    await schedule.fill('* * * * *');
    await add.getByRole('button', { name: 'Add cron job' }).click();
    await add.waitFor({ state: 'detached' });

    const row = section().getByRole('row').filter({ hasText: command });
    await row.getByText('Not yet').waitFor();
    await section().getByText('1 of 2 cron jobs').waitFor();
    // Keel's own scheduler runs it at the next full minute; the section shows it on its next load.
    await expect
      .poll(async () => (await jobs())[0]?.lastRun?.exitCode, { timeout: 75_000, interval: 1000 })
      .toBe(0);
    await page.reload();
    await row.getByText(/exit 0/).waitFor();
    await row.getByRole('button', { name: 'Output' }).click();
    const output = dialog(page, `Last run of ${command}`);
    await output.getByText(/^hello from cron/).waitFor();
    expect((await jobs())[0]?.lastRun?.output).toMatch(/^hello from cron\n2\d{5}\n$/);
    await inspect(page, 'cron-job-output');
    await page.keyboard.press('Escape');
    await output.waitFor({ state: 'detached' });
  });

  test('the admin switches the job off and deletes it behind a confirmation naming it', async () => {
    const row = section().getByRole('row').filter({ hasText: command });
    await row.getByRole('switch', { name: `Enabled: ${command}` }).click({ force: true });
    await see(page, `Cron job ${command} switched off`);
    await expect.poll(async () => (await jobs())[0]?.enabled).toBe(false);

    await row.getByRole('button', { name: `Delete ${command}` }).click();
    const remove = dialog(page, `Delete ${command}?`);
    await remove.getByText(/It no longer runs/).waitFor();
    await inspect(page, 'delete-cron-job-confirmation');
    await remove.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    await section().getByText('0 of 2 cron jobs').waitFor();
    expect(await jobs()).toEqual([]);
  });
});
