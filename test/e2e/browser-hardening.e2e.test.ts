import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { navigate, signIn } from './support/panel.js';

/** What Chromium reports when the Content-Security-Policy blocks something on the page. */
function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

describe.skipIf(skipBrowserTests)('pages under the CSP', { timeout: 120_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  test('the panel signs in and shows its pages with nothing blocked', async () => {
    const { page } = await openKeel(browser, keel.url);
    const violations = collectViolations(page);
    await signIn(page, admin.email, admin.password);
    await navigate(page, 'Packages', 'Packages');
    await navigate(page, 'Security', 'Security settings');
    expect(violations).toEqual([]);
  });

  test('/api/docs renders the operations with nothing blocked', async () => {
    const { page } = await openKeel(browser, keel.url);
    const violations = collectViolations(page);
    await page.goto('/api/docs/');
    await page.getByText('/api/v1/auth/login').first().waitFor();
    expect(violations).toEqual([]);
  });

  test('an inline script injected into the panel does not run', async () => {
    const { page } = await openKeel(browser, keel.url);
    const violations = collectViolations(page);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Keel' }).waitFor();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "ran"';
      document.body.append(script);
    });
    expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
    expect(violations.length).toBeGreaterThan(0);
  });
});
