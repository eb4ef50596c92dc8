import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, navigate, oneTimePassword, signIn } from './support/panel.js';

/** A billing system's token made in the tokens page, and the login link it asks for. */
describe.skipIf(skipBrowserTests)('scoped API tokens in the browser', { timeout: 120_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
    ({ page } = await openKeel(browser, keel.url));
    await signIn(page, admin.email, admin.password);
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  const asScript = (secret: string, method: string, path: string, body?: unknown) =>
    fetch(`${keel.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function createToken(name: string, scopes: string[], addresses: string): Promise<string> {
    await page.getByRole('button', { name: 'New token' }).click();
    const create = dialog(page, 'New API token');
    await create.getByRole('textbox', { name: 'Name' }).fill(name);
    for (const scope of scopes) await create.getByRole('checkbox', { name: scope }).check();
    await create.getByRole('combobox', { name: 'Expires' }).selectOption({ label: 'In 30 days' });
    await create.getByRole('textbox', { name: 'Allowed addresses' }).fill(addresses);
    await inspect(page, `api-token-new-${name}`);
    await create.getByRole('button', { name: 'Create token' }).click();
    await dialog(page, 'API token created').getByText('Copy this token now.').waitFor();
    const secret = await oneTimePassword(page);
    await page.getByRole('button', { name: 'Done' }).click();
    return secret;
  }

  test('a token limited to scopes, an expiry and addresses, listed with its last use', async () => {
    await navigate(page, 'API tokens', 'API tokens');
    const secret = await createToken(
      'billing',
      ['customers:read', 'customers:lifecycle', 'customers:impersonate'],
      '127.0.0.0/8',
    );
    const row = page
      .getByRole('table', { name: 'API tokens' })
      .getByRole('row')
      .filter({ hasText: 'billing' });
    for (const shown of [
      'customers:read',
      'customers:lifecycle',
      'customers:impersonate',
      '127.0.0.0/8',
      'Never',
    ]) {
      await row.getByText(shown, { exact: true }).waitFor();
    }
    const in30Days = new Date(Date.now() + 30 * 86_400_000).getFullYear();
    expect(await row.textContent()).toContain(String(in30Days));

    expect((await asScript(secret, 'GET', '/customers')).status).toBe(200);
    const create = await asScript(secret, 'POST', '/customers', {
      firstName: 'Not',
      lastName: 'Allowed',
      email: 'not-allowed@example.test',
    });
    expect(create.status).toBe(403);
    expect(create.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    await page.reload();
    await row.getByText('from 127.0.0.1').waitFor();
    await inspect(page, 'api-tokens-scoped');

    const elsewhere = await createToken('office', [], '10.0.0.0/8');
    expect((await asScript(elsewhere, 'GET', '/customers')).status).toBe(401);
  });

  test('a login link the token asks for signs the customer in once', async () => {
    const api = await KeelApi.signIn(keel.url, admin.email, admin.password);
    const { customer } = await api.createCustomer('Linda', 'Link', 'linda@link.test');
    const token = await api.request<{ token: string }>('POST', '/auth/tokens', {
      name: 'billing link',
      scopes: ['customers:impersonate'],
    });
    const asked = await asScript(token.token, 'POST', `/customers/${customer.id}/login-link`);
    expect(asked.status).toBe(201);
    const { url } = (await asked.json()) as { url: string };

    const visitor = await openKeel(browser, keel.url);
    // The panel's first session check, asked before the link signed the customer in, arrives
    // only after it, as on a loaded server: its stale "signed out" must not replace the session.
    const redeemed = visitor.page.waitForResponse((response) => response.url().endsWith('/auth/login-link'));
    await visitor.page.route('**/api/v1/auth/session', async (route) => {
      const answer = await route.fetch();
      await redeemed;
      await route.fulfill({ response: answer });
    });
    await visitor.page.goto(url);
    await visitor.page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(new URL(visitor.page.url()).pathname).toBe('/account');
    expect(new URL(visitor.page.url()).hash).toBe('');
    await visitor.page.getByText('linda@link.test').first().waitFor();

    const again = await openKeel(browser, keel.url);
    await again.page.goto(url);
    await again.page.getByRole('alert').filter({ hasText: 'already used or expired' }).waitFor();
    await inspect(again.page, 'login-link-used');
    await visitor.context.close();
    await again.context.close();
  });
});
