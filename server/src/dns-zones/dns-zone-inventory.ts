import { inArray } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { idsOf, withClaimedState } from '../provisioning/claimed-rows.js';
import type { Claim } from '../provisioning/claims.js';
import type { DnsZoneDesired } from '../provisioning/drivers/powerdns/zone-desired.js';
import type { ExpectedItems } from '../provisioning/reconciled-kind.js';
import { dnsZones } from './dns-zones.table.js';

/** What PowerDNS needs of each claimed zone: its name, serial and records. */
export async function desiredDnsZones(db: Database, claims: Claim[]): Promise<DnsZoneDesired[]> {
  const rows = await db
    .select({ id: dnsZones.id, domain: dnsZones.domain, serial: dnsZones.serial, records: dnsZones.records })
    .from(dnsZones)
    .where(inArray(dnsZones.id, idsOf(claims)));
  return withClaimedState(claims, rows);
}

/** A withdrawn zone (suspended) is not on the name server: only live ones must be there. */
export async function expectedDnsZones(db: Database): Promise<Record<string, ExpectedItems>> {
  const rows = await db.select({ id: dnsZones.id, appliedState: dnsZones.appliedState }).from(dnsZones);
  return {
    'dns-zone': {
      known: new Set(rows.map((row) => row.id)),
      applied: new Set(rows.filter((row) => row.appliedState === 'live').map((row) => row.id)),
    },
  };
}
