import type { Context } from '../context.js';
import { conflict } from '../errors/problem.js';
import { customerForNewHosted, recordHostedCreated } from '../hosting/hosted-resources.js';
import { requestedDomain } from '../hosting/requested-domain.js';
import { wakeReconciler } from '../hosting/resource-changes.js';
import { assertWithinPackageLimit } from '../hosting/resource-limits.js';
import { dnsZoneKind } from './dns-zone-kind.js';
import type { CreateDnsZoneBody } from './dns-zones.schemas.js';
import { dnsZones } from './dns-zones.table.js';
import { checkedRecords } from './invalid-records.js';
import { assertNoOtherOwnersZone, lockZoneNames } from './zone-overlap.js';
import { nextSerial } from './zone-serial.js';

/** Adds a DNS zone: a row the reconciler turns into a zone served by Keel's name server. */
export async function createDnsZone(ctx: Context, customerId: string, input: CreateDnsZoneBody) {
  const domain = requestedDomain(input.domain);
  const records = checkedRecords(domain, input.records ?? []);
  const created = await ctx.db.transaction(async (tx) => {
    const customer = await customerForNewHosted(tx, ctx.actor, customerId);
    await assertWithinPackageLimit(tx, customer, dnsZoneKind);
    await lockZoneNames(tx);
    await assertNoOtherOwnersZone(tx, customer.id, domain);
    const [zone] = await tx
      .insert(dnsZones)
      .values({
        customerId: customer.id,
        domain,
        records,
        serial: nextSerial(ctx.now()),
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .onConflictDoNothing({ target: dnsZones.domain })
      .returning();
    if (!zone) throw conflict(`The zone ${domain} is already hosted here.`, 'zone-taken');
    await recordHostedCreated(tx, ctx, dnsZoneKind, customer, zone);
    return { customer, resource: zone };
  });
  wakeReconciler(ctx);
  return created;
}
