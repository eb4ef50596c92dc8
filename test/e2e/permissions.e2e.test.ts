import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, navigate, signIn, signOut } from './support/panel.js';

/** The accessible description of an element: the text of what its aria-describedby names. */
const descriptionOf = (element: Locator) =>
  element.evaluate((node) =>
    (node.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim(),
  );

/**
 * Clicks a refused button anyway (as a mouse would: it is not disabled for the pointer, so its
 * tooltip shows), then an allowed one, and returns the titles of the dialogs open afterwards:
 * had the refused click opened anything, it would be open by the time the allowed one's is.
 */
async function dialogsAfterClicking(page: Page, refused: Locator, allowed: Locator, opens: string) {
  await refused.click({ force: true });
  await allowed.click();
  await dialog(page, opens).waitFor();
  return page
    .getByRole('dialog')
    .evaluateAll((dialogs) => dialogs.map((element) => element.querySelector('h2')?.textContent?.trim()));
}

describe.skipIf(skipBrowserTests)(
  'the panel offers only what the server allows',
  { timeout: 120_000 },
  () => {
    let keel: KeelServer;
    let browser: Browser;
    let page: Page;
    const reseller = { email: 'desk@lighthouse-hosting.test', password: '' };

    beforeAll(async () => {
      [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
      const api = await KeelApi.signIn(keel.url, admin.email, admin.password);
      const created = await api.request<{ reseller: { id: string }; password: string }>(
        'POST',
        '/resellers',
        {
          name: 'Lighthouse Hosting',
          email: reseller.email,
        },
      );
      reseller.password = created.password;
      const resellerId = created.reseller.id;
      await api.request('POST', '/packages', { name: 'Operator Gold', limits: { sites: 10 } });
      await api.createCustomer('Vera', 'Beacon', 'vera@beacon.test', { resellerId });
      await api.createCustomer('Jonas', 'Keeper', 'jonas@keeper.test', { resellerId });
      await api.request('POST', '/resellers', { name: 'Quiet Reseller', email: 'quiet@reseller.test' });
      const own = await KeelApi.signIn(keel.url, reseller.email, reseller.password);
      await own.request('POST', '/packages', { name: 'Lighthouse Basic' });
      ({ page } = await openKeel(browser, keel.url));
    }, 200_000);

    afterAll(async () => {
      await browser?.close();
      await keel?.stop();
    });

    test("an admin's Delete on a reseller with customers is disabled and says why", async () => {
      await signIn(page, admin.email, admin.password);
      await navigate(page, 'Resellers', 'Resellers');
      const table = page.getByRole('table', { name: 'Resellers' });
      const busy = table.getByRole('row').filter({ hasText: reseller.email });
      const quiet = table.getByRole('row').filter({ hasText: 'quiet@reseller.test' });

      const refusedDelete = busy.getByRole('button', { name: 'Delete', disabled: true });
      await refusedDelete.waitFor();
      expect(await refusedDelete.getAttribute('aria-disabled')).toBe('true');
      expect(await descriptionOf(refusedDelete)).toBe('Reseller still has 2 customers');
      await refusedDelete.hover();
      await page.getByRole('tooltip', { name: 'Delete: Reseller still has 2 customers' }).waitFor();
      await inspect(page, 'permissions-reseller-delete-refused');

      // Editing that reseller, and deleting one without customers, stay offered.
      expect(await busy.getByRole('button', { name: 'Edit', disabled: false }).count()).toBe(1);
      const quietDelete = quiet.getByRole('button', { name: 'Delete', disabled: false });
      expect(await descriptionOf(quietDelete)).toBe('');
      expect(
        await dialogsAfterClicking(page, refusedDelete, quietDelete, 'Delete reseller Quiet Reseller?'),
      ).toEqual(['Delete reseller Quiet Reseller?']);
      await dialog(page, 'Delete reseller Quiet Reseller?').getByRole('button', { name: 'Cancel' }).click();
      await signOut(page);
    });

    test("a reseller sees no usable Edit or Delete on the admins' package", async () => {
      await signIn(page, reseller.email, reseller.password);
      await navigate(page, 'Packages', 'Packages');
      const table = page.getByRole('table', { name: 'Packages' });
      const adminsPackage = table.getByRole('row').filter({ hasText: 'Operator Gold' });
      const ownPackage = table.getByRole('row').filter({ hasText: 'Lighthouse Basic' });

      for (const action of ['Edit', 'Delete']) {
        const refused = adminsPackage.getByRole('button', { name: action, disabled: true });
        await refused.waitFor();
        expect(await descriptionOf(refused)).toBe('Package belongs to the administrators');
        expect(await adminsPackage.getByRole('button', { name: action, disabled: false }).count()).toBe(0);
      }
      const refusedEdit = adminsPackage.getByRole('button', { name: 'Edit' });
      await refusedEdit.hover();
      await page.getByRole('tooltip', { name: 'Edit: Package belongs to the administrators' }).waitFor();
      await inspect(page, 'permissions-reseller-admins-package');

      const ownEdit = ownPackage.getByRole('button', { name: 'Edit', disabled: false });
      expect(await dialogsAfterClicking(page, refusedEdit, ownEdit, 'Edit Package')).toEqual([
        'Edit Package',
      ]);
      await expect
        .poll(() => dialog(page, 'Edit Package').getByRole('textbox', { name: 'Name' }).inputValue())
        .toBe('Lighthouse Basic');
      await page.keyboard.press('Escape');
      await dialog(page, 'Edit Package').waitFor({ state: 'detached' });
    });
  },
);
