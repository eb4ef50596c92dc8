import { isUuid } from '../../../contract/ids.js';
import { isNormalizedDomain } from '../../../hosting/names.js';
import { ownerName, recordData } from './record-data.js';
import type { DnsZoneDesired } from './zone-desired.js';

// Seconds. Refresh, retry and expire matter only to secondaries that transfer the zone (common
// values); minimum is how long resolvers may cache a "no such name" (RFC 2308), kept short so a
// record a customer just added is found soon.
const soaTimers = { refresh: 10_800, retry: 3_600, expire: 1_209_600, minimum: 300 } as const;
// The SOA and apex NS records Keel writes itself change only with the operator's name servers.
const apexTtl = 3_600;

const MAX_SERIAL = 0xffff_ffff;
const MAX_TTL = 0x7fff_ffff;

/**
 * A zone's file in the syntax of RFC 1035 master files as PowerDNS's bind backend reads it:
 * the SOA and one NS record per name server (host names, no trailing dot; the first is the
 * primary), then the zone's own records. Throws if any value could not be written safely.
 */
export function renderZone(zone: DnsZoneDesired, nameservers: readonly string[]): string {
  if (!isUuid(zone.id)) throw new Error(`invalid DNS zone id ${JSON.stringify(zone.id)}`);
  if (!isNormalizedDomain(zone.domain)) {
    throw new Error(`domain ${JSON.stringify(zone.domain)} is not a normalized domain name`);
  }
  const primary = checkNameServers(nameservers);
  if (!Number.isInteger(zone.serial) || zone.serial < 0 || zone.serial > MAX_SERIAL) {
    throw new Error(`SOA serial ${zone.serial} is not a number from 0 to ${MAX_SERIAL}`);
  }
  const { refresh, retry, expire, minimum } = soaTimers;
  const lines = [
    `; Keel DNS zone ${zone.id}, written by Keel: edits here are lost.`,
    `$ORIGIN ${zone.domain}.`,
    `@ ${apexTtl} IN SOA ${primary}. hostmaster.${zone.domain}. ${zone.serial} ${refresh} ${retry} ${expire} ${minimum}`,
    ...nameservers.map((host) => `@ ${apexTtl} IN NS ${host}.`),
  ];
  for (const record of zone.records) {
    if (!Number.isInteger(record.ttl) || record.ttl < 0 || record.ttl > MAX_TTL) {
      throw new Error(
        `${record.type} record ${record.name}: TTL ${record.ttl} is not a number from 0 to ${MAX_TTL}`,
      );
    }
    lines.push(`${ownerName(record.name)} ${record.ttl} IN ${record.type} ${recordData(record)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Throws unless there is a name server and each is a host name; returns the primary. */
export function checkNameServers(nameservers: readonly string[]): string {
  const [primary] = nameservers;
  if (primary === undefined) throw new Error('a DNS zone needs at least one name server');
  for (const host of nameservers) {
    if (!isNormalizedDomain(host)) throw new Error(`name server ${JSON.stringify(host)} is not a host name`);
  }
  return primary;
}
