import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { idsOf, withClaimedState } from '../provisioning/claimed-rows.js';
import type { Claim } from '../provisioning/claims.js';
import type { DnsZoneDesired } from '../provisioning/drivers/powerdns/zone-desired.js';
import type { ExpectedItems } from '../provisioning/reconciled-kind.js';
import { type ServerRef, serverIdOf } from '../provisioning/server-ref.js';
import { dnsZoneServers } from './dns-zone-servers.table.js';
import { dnsZones } from './dns-zones.table.js';

/** What PowerDNS needs of each claimed zone: its name, serial and records. */
export async function desiredDnsZones(db: Database, claims: Claim[]): Promise<DnsZoneDesired[]> {
  const rows = await db
    .select({ id: dnsZones.id, domain: dnsZones.domain, serial: dnsZones.serial, records: dnsZones.records })
    .from(dnsZones)
    .where(inArray(dnsZones.id, idsOf(claims)));
  return withClaimedState(claims, rows);
}

/**
 * Every zone is known to every name server; only those this server applied live (not withdrawn)
 * must be on it.
 */
export async function expectedDnsZones(
  db: Database,
  server: ServerRef,
): Promise<Record<string, ExpectedItems>> {
  const zones = await db.select({ id: dnsZones.id }).from(dnsZones);
  const live = await db
    .select({ id: dnsZoneServers.resourceId })
    .from(dnsZoneServers)
    .where(
      and(sql`${dnsZoneServers.serverId} = ${serverIdOf(server)}`, eq(dnsZoneServers.appliedState, 'live')),
    );
  return {
    'dns-zone': {
      known: new Set(zones.map((row) => row.id)),
      applied: new Set(live.map((row) => row.id)),
    },
  };
}
