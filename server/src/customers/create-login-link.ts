import { lt } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
import { digestSecret, newSecret } from '../auth/secrets.js';
import type { Context } from '../context.js';
import { loginLinks } from '../db/schema/sessions.js';
import { mayCreateLoginLink } from './customer-policy.js';
import { lockCustomer } from './customer-rules.js';

/** How long a login link works: long enough for a redirect, too short to be passed around. */
export const loginLinkSeconds = 60;

/** The panel's page that redeems a link; the secret rides in the fragment, which no server logs. */
export const loginLinkPath = '/login-link';

/**
 * A one-time link that signs the customer in to its own panel (not an impersonation), for a
 * billing system's "Log in to control panel" button: valid once, for 60 seconds. `panelUrl` is
 * the panel's address as the caller reached it. Audited with the API token that asked.
 * @throws 404 for a customer the caller may not see; 409 for a suspended or deleted one.
 */
export async function createLoginLink(ctx: Context, customerId: string, panelUrl: string) {
  const secret = newSecret();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + loginLinkSeconds * 1000);
  await ctx.db.transaction(async (tx) => {
    const customer = await lockCustomer(tx, ctx.actor, customerId);
    enforce(mayCreateLoginLink(ctx.actor, customer));
    const asker = ctx.actor.kind === 'user' ? ctx.actor : null;
    // Links are worth nothing once expired; each new one clears those of every customer.
    await tx.delete(loginLinks).where(lt(loginLinks.expiresAt, now));
    const [link] = await tx
      .insert(loginLinks)
      .values({
        tokenHash: digestSecret(secret),
        userId: customer.userId,
        createdBy: asker?.user.id ?? null,
        apiTokenId: asker?.apiTokenId ?? null,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: loginLinks.id });
    await record(tx, ctx, {
      action: 'auth.login_link_created',
      customerId: customer.id,
      resellerId: customer.resellerId,
      target: { type: 'customer', id: customer.id },
      details: {
        linkId: link?.id,
        apiTokenId: asker?.apiTokenId ?? null,
        expiresAt: expiresAt.toISOString(),
      },
    });
  });
  return { url: `${panelUrl}${loginLinkPath}#${secret}`, expiresAt: expiresAt.toISOString() };
}
