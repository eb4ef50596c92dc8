import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { idsOf } from '../provisioning/claimed-rows.js';
import type { Claim } from '../provisioning/claims.js';
import type { WebsiteDesired } from '../provisioning/drivers/nginx/website-driver.js';
import type { ExpectedItems } from '../provisioning/reconciled-kind.js';
import { customerOnServer, type ServerRef } from '../provisioning/server-ref.js';
import { openTlsKey } from './tls-key-seal.js';
import { websites } from './websites.table.js';

/** What nginx needs of each claimed site; a site deleted meanwhile is removed by its id alone. */
export async function desiredWebsites(
  db: Database,
  claims: Claim[],
  panelKey: Buffer,
): Promise<WebsiteDesired[]> {
  const rows = await db
    .select({
      id: websites.id,
      domain: websites.domain,
      uid: customers.systemUid,
      certificate: websites.tlsCertificate,
      privateKey: websites.tlsPrivateKey,
      redirectHttp: websites.tlsRedirectHttp,
      phpEnabled: websites.phpEnabled,
      phpVersion: websites.phpVersion,
    })
    .from(websites)
    .innerJoin(customers, eq(customers.id, websites.customerId))
    .where(inArray(websites.id, idsOf(claims)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const pools = await customersPhp(db, [...new Set(claims.map((claim) => claim.customerId))]);
  return claims.map((claim) => {
    const row = byId.get(claim.id);
    return {
      id: claim.id,
      customerId: claim.customerId,
      domain: row?.domain ?? '',
      uid: row?.uid,
      state: claim.state,
      tls:
        row?.certificate && row.privateKey
          ? {
              certificate: row.certificate,
              privateKey: openTlsKey(panelKey, row.id, row.privateKey),
              redirectHttp: row.redirectHttp,
            }
          : undefined,
      php: row?.phpEnabled ? row.phpVersion : null,
      customerPhp: pools.get(claim.customerId) ?? [],
    };
  });
}

/**
 * The PHP versions each customer's pools run: those of its PHP sites that are live (switched on,
 * not deleted, the customer active and not being purged: hosting/effective-state.ts's `live` for
 * websites), so a suspended, deleted or switched-off customer has none and nothing of it executes.
 */
async function customersPhp(db: Database, customerIds: string[]): Promise<Map<string, string[]>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db
    .selectDistinct({ customerId: websites.customerId, version: websites.phpVersion })
    .from(websites)
    .innerJoin(customers, eq(customers.id, websites.customerId))
    .where(
      and(
        inArray(websites.customerId, customerIds),
        eq(websites.phpEnabled, true),
        eq(websites.enabled, true),
        isNull(websites.removedAt),
        eq(customers.status, 'active'),
        isNull(customers.purgeStartedAt),
      ),
    );
  const pools = new Map<string, string[]>();
  for (const { customerId, version } of rows) {
    if (version === null) continue;
    pools.set(customerId, [...(pools.get(customerId) ?? []), version].sort());
  }
  return pools;
}

/**
 * Every site has a vhost and its customer a home once applied; any other is an orphan. No vhost
 * should stay set aside (nginx rejected it) and no temporary file of a write should be left.
 */
export async function expectedWebsites(
  db: Database,
  server: ServerRef,
): Promise<Record<string, ExpectedItems>> {
  const rows = await db
    .select({ id: websites.id, customerId: websites.customerId, appliedState: websites.appliedState })
    .from(websites)
    .where(customerOnServer(server, sql`${websites.customerId}`));
  const owners = await db
    .select({ id: customers.id })
    .from(customers)
    .where(customerOnServer(server, sql`${customers.id}`));
  const applied = rows.filter((row) => row.appliedState === 'live' || row.appliedState === 'suspended');
  return {
    vhost: { known: new Set(rows.map((row) => row.id)), applied: new Set(applied.map((row) => row.id)) },
    home: {
      known: new Set(owners.map((row) => row.id)),
      applied: new Set(applied.map((row) => row.customerId)),
    },
    'vhost-held': { known: new Set(), applied: new Set() },
    'vhost-temp': { known: new Set(), applied: new Set() },
  };
}
