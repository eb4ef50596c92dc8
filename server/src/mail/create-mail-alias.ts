import type { Context } from '../context.js';
import { customerForNewHosted, recordHostedCreated } from '../hosting/hosted-resources.js';
import { wakeReconciler } from '../hosting/resource-changes.js';
import { checkedDestinations } from './alias-destinations.js';
import { requestedAddress } from './mail-address.js';
import { mailAliasKind } from './mail-alias-kind.js';
import type { CreateMailAliasBody } from './mail-aliases.schemas.js';
import { mailAliases } from './mail-aliases.table.js';
import { assertCustomersMailDomain, assertMailAddressFree, lockMailAddresses } from './mail-domain.js';
import { ensureMailDomain } from './mail-domain-key.js';
import { publishMailRecords } from './mail-records.js';

/**
 * Adds a forwarding address at one of the customer's domains; aliases count against no limit. The
 * domain's mail records go into the customer's zone as for a mailbox.
 */
export async function createMailAlias(ctx: Context, customerId: string, input: CreateMailAliasBody) {
  const { address, domain } = requestedAddress(input.address, 'address');
  const destinations = checkedDestinations(address, input.destinations);
  const created = await ctx.db.transaction(async (tx) => {
    const customer = await customerForNewHosted(tx, ctx.actor, customerId);
    await assertCustomersMailDomain(tx, customer.id, domain);
    await lockMailAddresses(tx);
    await assertMailAddressFree(tx, address);
    const mailDomain = await ensureMailDomain(tx, customer.id, domain, ctx.now(), ctx.panelKey);
    // In this transaction: a zone that cannot take the records refuses the address too.
    if (ctx.mailHostname) await publishMailRecords({ ...ctx, db: tx }, mailDomain.row, ctx.mailHostname);
    const [alias] = await tx
      .insert(mailAliases)
      .values({ customerId: customer.id, address, destinations, createdAt: ctx.now(), updatedAt: ctx.now() })
      .returning();
    await recordHostedCreated(tx, ctx, mailAliasKind, customer, alias as typeof mailAliases.$inferSelect);
    return { customer, resource: alias as typeof mailAliases.$inferSelect };
  });
  wakeReconciler(ctx);
  return created;
}
