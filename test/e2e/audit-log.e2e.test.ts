import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { navigate, signIn } from './support/panel.js';

/** YYYY-MM-DD of the browser's day `days` from today, as a date field takes it. */
function day(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe.skipIf(skipBrowserTests)('the audit log for people', { timeout: 120_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;
  let page: Page;
  let jana: string;

  const events = () => page.getByRole('table', { name: 'Audit events' });
  /** The sentences shown, once the table holds the answer to the latest filter. */
  const sentences = () =>
    events()
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1).map((row) => row.querySelectorAll('td')[1]?.textContent ?? ''));
  const field = (label: string) => page.locator('input').and(page.getByLabel(label, { exact: true }));
  const pick = async (label: string, typed: string, option: string) => {
    const picker = field(label);
    await picker.click();
    await picker.fill(typed);
    await page.getByRole('option', { name: option }).click();
  };
  const everySentence = (check: RegExp) =>
    expect
      .poll(async () => {
        const shown = await sentences();
        return shown.length > 0 && shown.every((sentence) => check.test(sentence));
      })
      .toBe(true);

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
    const api = await KeelApi.signIn(keel.url, admin.email, admin.password);
    const reseller = await api.request<{ password: string }>('POST', '/resellers', {
      name: 'Northwind Hosting',
      email: 'sales@northwind.test',
      company: null,
    });
    const asReseller = await KeelApi.signIn(keel.url, 'sales@northwind.test', reseller.password);
    const otto = await asReseller.createCustomer('Otto', 'Berg', 'otto@berg.test');
    jana = (await api.createCustomer('Jana', 'Müller', 'jana@mueller.test', { company: 'Müller GmbH' }))
      .customer.id;
    await api.request('POST', `/customers/${jana}/suspend`, { reason: 'unpaid invoice' });
    // Support logged in as Otto adds a site for it.
    const support = await KeelApi.signIn(keel.url, admin.email, admin.password);
    await support.impersonate(otto.customer.id, 'ticket 7');
    await support.request('POST', `/customers/${otto.customer.id}/websites`, { domain: 'berg.test' });
    await support.request('POST', '/auth/impersonation/stop');
    ({ page } = await openKeel(browser, keel.url));
    await signIn(page, admin.email, admin.password);
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  test('events read as sentences with names, the impersonator named, the customer a link', async () => {
    await navigate(page, 'Audit log', 'Audit log');
    const suspended = events()
      .getByRole('row')
      .filter({ hasText: /\(admin\) suspended Müller GmbH/ });
    await expect
      .poll(() => suspended.getByRole('cell').nth(1).textContent())
      .toMatch(/^.+ \(admin\) suspended Müller GmbH \(Jana Müller\): unpaid invoice$/);
    await events()
      .getByText(/\(admin\) logged in as Otto Berg: ticket 7$/)
      .waitFor();
    await events()
      .getByText(/\(admin\) as Otto Berg added the website berg\.test of Otto Berg$/)
      .waitFor();
    await events()
      .getByText(/^Northwind Hosting \(reseller\) created the customer Otto Berg$/)
      .waitFor();
    const text = (await events().textContent()) ?? '';
    expect(text).not.toMatch(/null|undefined|[0-9a-f]{8}-[0-9a-f]{4}-|impersonation\.|customer\.|website\./);
    await inspect(page, 'audit-log-sentences');

    await suspended.getByRole('link', { name: 'Müller GmbH (Jana Müller)' }).click();
    await page.waitForURL(`**/customers/${jana}`);
    const activity = page.getByRole('region', { name: 'Activity' });
    await activity.getByText(/suspended Müller GmbH \(Jana Müller\): unpaid invoice/).waitFor();
    await inspect(page, 'customer-activity-sentences');
  });

  test('filters by customer, reseller and actor with search pickers, kept over a reload', async () => {
    await navigate(page, 'Audit log', 'Audit log');
    await pick('Customer', 'müll', 'Müller GmbH (Jana Müller)');
    await page.waitForURL((url) => url.searchParams.get('customerId') === jana);
    await everySentence(/Müller GmbH \(Jana Müller\)/);
    await inspect(page, 'audit-log-customer-picker');
    await page.reload();
    await expect.poll(() => field('Customer').inputValue()).toBe('Müller GmbH (Jana Müller)');
    await everySentence(/Müller GmbH \(Jana Müller\)/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => !url.searchParams.has('customerId'));

    await pick('Reseller', 'north', 'Northwind Hosting');
    await everySentence(/Otto Berg|Northwind Hosting/);
    expect((await sentences()).some((sentence) => sentence.includes('Müller'))).toBe(false);
    await page.getByRole('button', { name: 'Clear filters' }).click();

    await pick('Done by', 'northwind', 'Northwind Hosting (reseller)');
    await everySentence(/^Northwind Hosting \(reseller\) /);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => !url.searchParams.has('actorId'));
  });

  test('a date range shows the events of those days only', async () => {
    const from = field('From');
    const to = field('To');
    await from.fill(day(0));
    await to.fill(day(0));
    await everySentence(/\S/);
    await from.fill(day(1));
    await to.fill(day(1));
    await events().getByText('No events.').waitFor();
    await to.fill('');
    await from.fill(day(-1));
    await to.fill(day(-1));
    await events().getByText('No events.').waitFor();
    await inspect(page, 'audit-log-date-range');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await everySentence(/\S/);
  });
});
