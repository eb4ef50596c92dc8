import { generatePassword } from '../auth/password-generator.js';
import { hashPassword } from '../auth/password-hash.js';
import type { Context } from '../context.js';
import { customerForNewHosted, recordHostedCreated } from '../hosting/hosted-resources.js';
import { wakeReconciler } from '../hosting/resource-changes.js';
import { assertWithinPackageLimit } from '../hosting/resource-limits.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { requestedAddress } from './mail-address.js';
import { assertCustomersMailDomain, assertMailAddressFree, lockMailAddresses } from './mail-domain.js';
import { ensureMailDomain } from './mail-domain-key.js';
import { publishMailRecords } from './mail-records.js';
import { mailboxKind } from './mailbox-kind.js';
import { type CreateMailboxBody, DEFAULT_QUOTA_MB } from './mailboxes.schemas.js';
import { mailboxes } from './mailboxes.table.js';

/**
 * Adds a mailbox at one of the customer's domains. Its password is generated, returned this once,
 * and kept only as the argon2id hash Dovecot verifies. The domain's mail records go into the
 * customer's zone when Keel serves it, as a change of that zone after this one.
 */
export async function createMailbox(ctx: Context, customerId: string, input: CreateMailboxBody) {
  const { address, domain } = requestedAddress(input.address, 'address');
  const security = await readSecuritySettings(ctx.db);
  const password = generatePassword(security.passwordPolicy);
  const passwordHash = await hashPassword(password);
  const created = await ctx.db.transaction(async (tx) => {
    const customer = await customerForNewHosted(tx, ctx.actor, customerId);
    await assertCustomersMailDomain(tx, customer.id, domain);
    await assertWithinPackageLimit(tx, customer, mailboxKind);
    await lockMailAddresses(tx);
    await assertMailAddressFree(tx, address);
    const mailDomain = await ensureMailDomain(tx, customer.id, domain, ctx.now(), ctx.panelKey);
    // In this transaction: a zone that cannot take the records refuses the address too.
    if (ctx.mailHostname) await publishMailRecords({ ...ctx, db: tx }, mailDomain.row, ctx.mailHostname);
    const [mailbox] = await tx
      .insert(mailboxes)
      .values({
        customerId: customer.id,
        address,
        passwordHash,
        quotaMb: input.quotaMb ?? DEFAULT_QUOTA_MB,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning();
    await recordHostedCreated(tx, ctx, mailboxKind, customer, mailbox as typeof mailboxes.$inferSelect);
    return { customer, resource: mailbox as typeof mailboxes.$inferSelect };
  });
  wakeReconciler(ctx);
  return { ...created, password };
}
