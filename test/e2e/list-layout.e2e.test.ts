import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { signIn } from './support/panel.js';
import { seedRealisticCustomers } from './support/realisticSeed.js';

/** Layout facts measured in the page: what the operator would notice without reading code. */
async function layoutFacts(page: Page) {
  return page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    const rows = [...document.querySelectorAll('table[aria-label="Customers"] tbody tr')];
    const cells = rows.flatMap((row) => [...row.querySelectorAll('td')]);
    // A text wraps when it is laid out in more than one line box.
    const wrapped = cells.filter((cell) => {
      const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let text = texts.nextNode(); text; text = texts.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(text);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) return true;
      }
      return false;
    });
    const visibleRows = rows.filter((row) => row.getBoundingClientRect().bottom <= window.innerHeight);
    const menus = [...document.querySelectorAll('button[aria-label^="More actions for"]')];
    return {
      sidewaysScroll: scroller.scrollWidth - scroller.clientWidth,
      rows: rows.length,
      wrapped: wrapped.map((cell) => cell.textContent),
      visibleRows: visibleRows.length,
      menusOffScreen: menus.filter((menu) => menu.getBoundingClientRect().right > window.innerWidth).length,
    };
  });
}

/**
 * Sideways scrolling measured in the page: the page itself, every scroll region (the resource
 * tables, backups, the activity log) wider inside than its box, and controls or State cells
 * reaching past the right edge of the screen.
 */
async function sidewaysFacts(page: Page) {
  return page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    const regions = [...document.querySelectorAll('[role="region"]')];
    const pastEdge = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.right > window.innerWidth + 0.5;
    };
    return {
      page: scroller.scrollWidth - scroller.clientWidth,
      regions: regions.length,
      scrolling: regions
        .filter((region) => region.scrollWidth > region.clientWidth)
        .map((region) => region.getAttribute('aria-label')),
      controlsPastEdge: [...document.querySelectorAll('main button, main a, main input')]
        .filter(pastEdge)
        .map((control) => control.getAttribute('aria-label') ?? control.textContent),
      states: [...document.querySelectorAll('td[data-label="State"]')].map((cell) => ({
        text: cell.textContent?.trim() ?? '',
        pastEdge: pastEdge(cell),
      })),
    };
  });
}

describe.skipIf(skipBrowserTests)(
  'the customer list with 60 real-looking customers',
  { timeout: 180_000 },
  () => {
    let keel: KeelServer;
    let browser: Browser;
    const shopper = { id: '', email: 'sebnem@pastane-kilicdaroglu-ozturk.example', password: '' };

    beforeAll(async () => {
      [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
      const api = await KeelApi.signIn(keel.url, admin.email, admin.password);
      const { packages } = await seedRealisticCustomers(api);
      // One customer with something of every kind, under long names, on a package with limits.
      const created = await api.createCustomer('Şebnem', 'Kılıçdaroğlu-Öztürk', shopper.email, {
        company: 'Pastane & Fırın Kılıçdaroğlu-Öztürk Gıda Sanayi ve Ticaret A.Ş.',
        packageId: packages[1]?.id,
      });
      shopper.id = created.customer.id;
      shopper.password = created.password;
      const add = (kind: string, body: object) =>
        api.request('POST', `/customers/${shopper.id}/${kind}`, body);
      const domain = 'pastane-kilicdaroglu-ozturk.example';
      await add('websites', { domain });
      await add('websites', { domain: `siparis-ve-pasta-teslimati.${domain}` });
      await add('databases', { name: 'shop_main_catalogue' });
      await add('dns-zones', { domain });
      await add('mailboxes', { address: `siparis@${domain}` });
      await add('mail-aliases', { address: `info@${domain}`, destinations: [`siparis@${domain}`] });
      await add('ftp-accounts', { user: 'uploads', directory: 'sites/siparis-ve-pasta-teslimati' });
      await add('cron-jobs', {
        schedule: '*/15 * * * *',
        command: 'php sites/siparis-ve-pasta-teslimati/bin/console siparisleri-gonder --quiet',
      });
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await keel?.stop();
    });

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`at 1280×800 (${colorScheme}): nine columns and the actions without sideways scrolling, one line per row, 15 rows in view`, async () => {
        const { context, page } = await openKeel(browser, keel.url, { colorScheme });
        await signIn(page, admin.email, admin.password);
        await page.goto('/customers?perPage=25');
        await page
          .getByRole('button', { name: /^More actions for/ })
          .nth(24)
          .waitFor();

        const facts = await layoutFacts(page);
        expect(facts.sidewaysScroll).toBe(0);
        expect(facts.rows).toBe(25);
        expect(facts.wrapped).toEqual([]);
        expect(facts.menusOffScreen).toBe(0);
        expect(facts.visibleRows).toBeGreaterThanOrEqual(15);

        // A cut value is whole on hover.
        const company = page
          .getByRole('cell', { name: 'Fernández-Castellanos Arquitectos Asociados S.L.' })
          .first();
        expect(await company.getAttribute('title')).toBe('Fernández-Castellanos Arquitectos Asociados S.L.');
        await inspect(page, `customers-1280-${colorScheme}`);

        // The common action is one click away, the others in the row's menu.
        await page
          .getByRole('button', { name: /^More actions for/ })
          .first()
          .click();
        await page.getByRole('menuitem', { name: 'Suspend' }).waitFor();
        await inspect(page, `customers-row-menu-1280-${colorScheme}`);
        await page.keyboard.press('Escape');
        await context.close();
      });

      test(`at 390 px (${colorScheme}): cards, nothing sideways`, async () => {
        const { context, page } = await openKeel(browser, keel.url, { colorScheme, width: 390, height: 844 });
        await signIn(page, admin.email, admin.password);
        await page.goto('/customers?status=suspended');
        await page
          .getByRole('button', { name: /^More actions for/ })
          .nth(3)
          .waitFor();
        const facts = await layoutFacts(page);
        expect(facts.sidewaysScroll).toBe(0);
        expect(facts.menusOffScreen).toBe(0);
        await page.getByText('Unpaid invoice 2026-1042', { exact: false }).first().waitFor();
        await inspect(page, `customers-390-${colorScheme}`);
        await context.close();
      });
    }

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`at 390 px (${colorScheme}): the customer page and its dashboard scroll nowhere sideways`, async () => {
        const phone = { colorScheme, width: 390, height: 844 };
        const operator = await openKeel(browser, keel.url, phone);
        let page = operator.page;
        const fits = async (what: string) => {
          // Every section has its rows, and the provisioning state of each is known.
          await page
            .getByRole('region', { name: 'FTP accounts list' })
            .getByText('uploads')
            .first()
            .waitFor();
          await page.getByRole('region', { name: 'Mail aliases list' }).getByText('info@').first().waitFor();
          await page
            .getByRole('region', { name: 'Cron jobs list' })
            .getByText('*/15 * * * *')
            .first()
            .waitFor();
          const facts = await sidewaysFacts(page);
          expect(facts.regions).toBeGreaterThanOrEqual(9);
          expect(facts.page).toBe(0);
          expect(facts.scrolling).toEqual([]);
          expect(facts.controlsPastEdge).toEqual([]);
          expect(facts.states.length).toBeGreaterThanOrEqual(8);
          expect(facts.states.filter((state) => state.pastEdge || !state.text)).toEqual([]);
          // Stacked, the rows and cells are still a table's for assistive technology.
          const sites = page.getByRole('table').filter({ hasText: 'Domain' }).first();
          expect(await sites.getByRole('row').count()).toBeGreaterThanOrEqual(3);
          expect(await sites.getByRole('cell', { name: 'Pending' }).count()).toBeGreaterThanOrEqual(1);
          await inspect(page, `${what}-390-${colorScheme}`);
        };

        await signIn(page, admin.email, admin.password);
        await page.goto(`/customers/${shopper.id}`);
        await page.getByRole('heading', { level: 1, name: 'Şebnem Kılıçdaroğlu-Öztürk' }).waitFor();
        await page.getByRole('region', { name: 'Activity' }).getByRole('cell').nth(2).waitFor();
        await fits('customer-detail');
        await operator.context.close();

        const own = await openKeel(browser, keel.url, phone);
        page = own.page;
        await signIn(page, shopper.email, shopper.password);
        await page.waitForURL('**/account');
        // The customer's own usage, against its package's limits.
        await page.getByRole('region', { name: 'Websites' }).getByText('2 of 5 websites').waitFor();
        await fits('customer-dashboard');
        await own.context.close();
      });
    }

    test('typing "jurgen muller" finds Jürgen Müller', async () => {
      const { context, page } = await openKeel(browser, keel.url);
      await signIn(page, admin.email, admin.password);
      await page.getByRole('searchbox', { name: 'Search' }).fill('jurgen muller');
      await page.waitForURL((url) => url.searchParams.get('q') === 'jurgen muller');
      const names = page.getByRole('table', { name: 'Customers' }).locator('tbody tr td:first-child');
      await expect.poll(() => names.allTextContents()).toEqual(['Jürgen Müller']);
      await context.close();
    });

    test('the suspension reason shows under the badge, whole on hover', async () => {
      const { context, page } = await openKeel(browser, keel.url);
      await signIn(page, admin.email, admin.password);
      await page.goto('/customers?status=suspended');
      const reason = 'Unpaid invoice 2026-1042, reminded twice by email and by phone';
      const note = page.getByRole('table', { name: 'Customers' }).getByText(reason).first();
      await note.waitFor();
      expect(await note.getAttribute('title')).toBe(reason);
      await context.close();
    });
  },
);
