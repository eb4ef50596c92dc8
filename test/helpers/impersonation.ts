import { eq } from 'drizzle-orm';
import { sessions } from '../../server/src/db/schema/sessions.js';
import type { TestApp } from './app.js';
import { auditedAs } from './audit-log.js';
import { ApiClient } from './client.js';
import { twoResellers } from './reseller-factory.js';

/** What the impersonation tests share: two resellers, and ways to look at sessions and events. */
export async function impersonationScene(keel: TestApp) {
  const { db } = keel.handle;
  return {
    ...(await twoResellers(keel)),
    /** The events with this action about the customer, newest first. */
    eventsOf: async (action: string, customerId: string) =>
      (await auditedAs(keel, action)).filter((event) => event.customerId === customerId).reverse(),
    /** The stored session behind a signed-in client. */
    sessionRowOf: async (client: ApiClient) => {
      const [row] = await db
        .select()
        .from(sessions)
        .where(eq(sessions.csrfToken, client.csrfToken ?? ''));
      return row;
    },
    /** A client that still holds a cookie from before, to show it stopped working. */
    holding: (cookie: string | null) => {
      const client = new ApiClient(keel.app);
      client.cookie = cookie;
      return client;
    },
  };
}
