import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, navigate, oneTimePassword, see, signIn, signOut } from './support/panel.js';

/** The code an authenticator app holding the key shows now, as the server's clock sees it. */
const currentCode = (key: string) => new TOTP({ secret: Secret.fromBase32(key) }).generate();

/** The app's next code once the one used is spent: waits for the next 30-second step, with a deadline. */
async function nextCode(key: string, used: string): Promise<string> {
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    const code = currentCode(key);
    if (code !== used) return code;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the authenticator code did not change within 40 s');
}

describe.skipIf(skipBrowserTests)('two-factor sign-in in the browser', { timeout: 150_000 }, () => {
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

  test('an admin sets it up with the QR code page, saves the recovery codes, and signs in with a code', async () => {
    await signIn(page, admin.email, admin.password);

    await navigate(page, 'Two-factor sign-in', 'Two-factor sign-in');
    await inspect(page, 'two-factor-off');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.getByRole('img', { name: 'QR code of your two-factor key' }).waitFor();
    const key = (await page.getByLabel('Or type this key into the app:').textContent())?.trim() ?? '';
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await inspect(page, 'two-factor-setup');

    await page.getByRole('textbox', { name: 'Authentication code' }).fill('000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('is not the current code of the authenticator app').waitFor();

    const enabledWith = currentCode(key);
    await page.getByRole('textbox', { name: 'Authentication code' }).fill(enabledWith);
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await page.getByText('Shown only once', { exact: true }).waitFor();
    await inspect(page, 'two-factor-recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('10 of 10 recovery codes left').waitFor();
    await inspect(page, 'two-factor-on');

    await signOut(page);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByRole('textbox', { name: 'Authentication code' });
    await code.waitFor();
    await inspect(page, 'sign-in-second-step');
    // The code that turned it on is spent: it cannot sign in again.
    await code.fill(enabledWith);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'That code is wrong, expired or already used.' })
      .waitFor();
    await code.fill(await nextCode(key, enabledWith));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // Back on the page it signed out from, signed in with the second factor.
    await page.getByText('10 of 10 recovery codes left').waitFor();
  });

  test('a reseller the security setting names is held on the setup page until it has set it up', async () => {
    await navigate(page, 'Security', 'Security settings');
    await page.getByRole('checkbox', { name: 'Resellers' }).check();
    await inspect(page, 'security-settings-two-factor');
    await page.getByRole('button', { name: 'Save' }).click();
    await see(page, 'Security settings saved');

    await navigate(page, 'Resellers', 'Resellers');
    await page.getByRole('button', { name: 'Create Reseller' }).click();
    const create = dialog(page, 'Create Reseller');
    await create.getByRole('textbox', { name: 'Name' }).fill('Harbour Hosting');
    await create.getByRole('textbox', { name: 'Email' }).fill('desk@harbour.test');
    await create.getByRole('button', { name: 'Create' }).click();
    const password = await oneTimePassword(page);
    await dialog(page, 'Reseller created').getByRole('button', { name: 'Done' }).click();
    await signOut(page);

    await page.getByLabel('Email').fill('desk@harbour.test');
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const key = (await page.getByLabel('Or type this key into the app:').textContent())?.trim() ?? '';
    await inspect(page, 'two-factor-required-setup');
    const enabledWith = currentCode(key);
    await page.getByRole('textbox', { name: 'Authentication code' }).fill(enabledWith);
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).waitFor();

    // Turning it off again (password and code) holds the reseller on the setup page at once.
    await navigate(page, 'Two-factor sign-in', 'Two-factor sign-in');
    await page.getByRole('button', { name: 'Turn off' }).click();
    const turnOff = dialog(page, 'Turn off two-factor sign-in');
    await turnOff.getByRole('textbox', { name: 'Password' }).fill(password);
    await turnOff
      .getByRole('textbox', { name: 'Authentication code' })
      .fill(await nextCode(key, enabledWith));
    await inspect(page, 'two-factor-turn-off');
    await turnOff.getByRole('button', { name: 'Turn off' }).click();
    await page.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' }).waitFor();
  });
});
