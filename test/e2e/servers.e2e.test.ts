import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectAccessible, inspect, launchBrowser, openKeel, skipBrowserTests } from './support/browser.js';
import { KeelApi } from './support/keelApi.js';
import { admin, type KeelServer, startKeel } from './support/keelServer.js';
import { dialog, navigate, oneTimePassword, signIn } from './support/panel.js';

describe.skipIf(skipBrowserTests)('hosting servers in the browser', { timeout: 120_000 }, () => {
  let keel: KeelServer;
  let browser: Browser;
  let page: Page;

  const table = () => page.getByRole('table', { name: 'Servers' });
  const row = (name: string) => table().getByRole('row').filter({ hasText: name });
  /** What `keel agent` does with the command's token: enrolls, then reports in. */
  const agentCall = async (path: string, body: unknown, credential?: string) => {
    const response = await fetch(`${keel.url}/api/agent/v1${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-keel-agent-version': '1',
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
      },
      body: JSON.stringify(body),
    });
    expect(response.ok, await response.clone().text()).toBe(true);
    return response.json() as Promise<{ credential: string }>;
  };

  beforeAll(async () => {
    [keel, browser] = await Promise.all([startKeel(), launchBrowser()]);
    ({ page } = await openKeel(browser, keel.url));
    await signIn(page, admin.email, admin.password);
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  test('the local server is listed online and cannot be removed', async () => {
    await navigate(page, 'Servers', 'Servers');
    const local = row('local');
    await local.getByText('Online').waitFor();
    await local.getByText('The panel itself', { exact: true }).waitFor();
    for (const action of ['Remove local', 'New enrollment token for local'])
      await expect
        .poll(() => local.getByRole('button', { name: action }).getAttribute('aria-disabled'))
        .toBe('true');
    await expectAccessible(page, 'servers page');
  });

  test('a server added shows its agent command once; enrolled, it comes online; idle, it is removed', async () => {
    await page.getByRole('button', { name: 'Add server' }).click();
    const add = dialog(page, 'Add server');
    const name = add.getByRole('textbox', { name: 'Name' });
    await name.fill('LOCAL');
    await add.getByRole('button', { name: 'Add server' }).click();
    await add.getByText('A server named "LOCAL" exists already.').waitFor();
    await name.fill('web-2');
    await add.getByRole('checkbox', { name: 'Mail' }).uncheck();
    await add.getByRole('textbox', { name: 'Group' }).fill('eu-west');
    await add.getByRole('button', { name: 'Add server' }).click();
    await dialog(page, 'Enroll web-2').waitFor();
    await inspect(page, 'server-enrollment');
    const command = await oneTimePassword(page);
    const token = /^npx keel agent --panel (\S+) --token (\S+)$/.exec(command);
    expect(token?.[1]).toBe(keel.url);
    await page.getByRole('button', { name: 'Done' }).click();
    await row('web-2').getByText('Offline').waitFor();
    await row('web-2').getByText('Not enrolled yet').waitFor();
    await row('web-2').getByText('Websites, Databases, FTP').waitFor();
    await row('web-2').getByText('eu-west', { exact: true }).waitFor();

    const { credential } = await agentCall('/enroll', { token: token?.[2] });
    await agentCall('/heartbeat', { agentVersion: 'e2e' }, credential);
    await page.reload();
    await row('web-2').getByText('Online').waitFor();

    await row('web-2').getByRole('button', { name: 'Remove web-2' }).click();
    const confirm = dialog(page, 'Remove server');
    await confirm.getByText('hosts no customer').waitFor();
    await confirm.getByRole('button', { name: 'Remove server' }).click();
    await confirm.waitFor({ state: 'detached' });
    await row('web-2').waitFor({ state: 'detached' });
    await row('local').waitFor();
  });

  test('an admin narrows the customer list to one server and can show the Server column', async () => {
    const api = await KeelApi.signIn(keel.url, admin.email, admin.password);
    const { server } = await api.request<{ server: { id: string } }>('POST', '/servers', {
      name: 'web-3',
      roles: ['web'],
    });
    await api.createCustomer('Vera', 'Remote', 'vera@remote.test', { serverId: server.id });
    await api.createCustomer('Lou', 'Local', 'lou@local.test');
    // What the page read of the servers before the script added one is fresh for 10 s.
    await page.reload();
    await navigate(page, 'Customers', 'Customers');
    const customers = page.getByRole('table', { name: 'Customers' });
    await customers.getByText('Lou Local').waitFor();
    await page.getByRole('combobox', { name: 'Server' }).selectOption({ label: 'web-3' });
    await customers.getByText('Lou Local').waitFor({ state: 'detached' });
    await customers.getByText('Vera Remote').waitFor();
    expect(new URL(page.url()).searchParams.get('serverId')).toBe(server.id);
    await page.getByRole('combobox', { name: 'Columns' }).selectOption({ label: 'Standard and Server' });
    await customers.getByRole('columnheader', { name: 'Server' }).waitFor();
    await customers
      .getByRole('row')
      .filter({ hasText: 'Vera Remote' })
      .getByRole('cell', { name: 'web-3' })
      .waitFor();
    await expectAccessible(page, 'customers of one server');
  });

  test('an admin moves a customer to another online server and sees the move under way', async () => {
    await page.getByRole('table', { name: 'Customers' }).getByText('Vera Remote').click();
    await page.getByRole('heading', { name: 'Vera Remote' }).waitFor();
    await page.getByRole('button', { name: 'Move to server' }).click();
    const confirm = dialog(page, 'Move Vera Remote to another server?');
    // web-3 has no agent: only the local server is online to go to.
    await confirm.getByRole('combobox', { name: 'Server' }).click();
    await page.getByRole('option', { name: /^local/ }).click();
    await confirm.getByRole('button', { name: 'Move' }).click();
    await confirm.waitFor({ state: 'detached' });
    // The backup on web-3 waits for its agent: the move shows its first step.
    await page.getByText('Moving to local').waitFor();
    await page.getByText('Now backing up on the current server.', { exact: false }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Move to server' }).count()).toBe(0);
    // Nothing may change the customer under the move: the server's permissions say so.
    for (const action of ['Suspend', 'Delete'])
      await expect
        .poll(() =>
          page.getByRole('button', { name: action, exact: true }).first().getAttribute('aria-disabled'),
        )
        .toBe('true');
    await expectAccessible(page, 'a customer being moved');
  });

  test('the move dialog says why no server can take a customer, with no Move button', async () => {
    await navigate(page, 'Customers', 'Customers');
    await page.getByRole('table', { name: 'Customers' }).getByText('Lou Local').click();
    await page.getByRole('heading', { name: 'Lou Local' }).waitFor();
    await page.getByRole('button', { name: 'Move to server' }).click();
    const none = dialog(page, 'Move Lou Local to another server');
    await none.getByText('No server can take this customer now').waitFor();
    // web-3 has no agent, and only the web role.
    await none
      .getByRole('list', { name: 'Servers not available' })
      .getByText('web-3: Server web-3 is offline; start its agent first.')
      .waitFor();
    expect(await none.getByRole('button', { name: 'Move' }).count()).toBe(0);
    await expectAccessible(page, 'no server to move to');
    await none.getByRole('button', { name: 'Close' }).first().click();
    await none.waitFor({ state: 'detached' });
  });
});
