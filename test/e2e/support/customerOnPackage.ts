import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openKeel } from './browser.js';
import { KeelApi } from './keelApi.js';
import { admin, type KeelServer, startKeel } from './keelServer.js';

export interface CustomerOnPackage {
  keel: KeelServer;
  browser: Browser;
  /** The admin's API client, for arranging and checking what the page did. */
  api: KeelApi;
  page: Page;
  customerId: string;
  stop(): Promise<void>;
}

/**
 * What a test of one of a customer's sections starts from: its own Keel, a browser page not yet
 * signed in, and one customer on a package whose limits the section counts against.
 */
export async function startWithCustomerOnPackage(options: {
  package: { name: string; limits: Record<string, number> };
  customer: { firstName: string; lastName: string; email: string };
  keel?: Parameters<typeof startKeel>[0];
}): Promise<CustomerOnPackage> {
  const [keel, browser] = await Promise.all([startKeel(options.keel), launchBrowser()]);
  const api = await KeelApi.signIn(keel.url, admin.email, admin.password);
  const plan = await api.request<{ id: string }>('POST', '/packages', options.package);
  const { firstName, lastName, email } = options.customer;
  const created = await api.createCustomer(firstName, lastName, email, { packageId: plan.id });
  const { page } = await openKeel(browser, keel.url);
  return {
    keel,
    browser,
    api,
    page,
    customerId: created.customer.id,
    async stop() {
      await browser.close();
      await keel.stop();
    },
  };
}
