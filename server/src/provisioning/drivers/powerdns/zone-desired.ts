import type { DesiredState, ResourceDriver } from '../types.js';

export const dnsRecordTypes = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SRV', 'CAA'] as const;
export type DnsRecordType = (typeof dnsRecordTypes)[number];

/**
 * One record of a zone, validated and normalized by the API (dns-zones/dns-records.ts):
 * - name: `@` for the zone's apex, else a lower-case name relative to the zone (`www`, `*.dev`,
 *   `_sip._tcp`), never with a trailing dot;
 * - value by type: A a dotted IPv4; AAAA an IPv6 address; CNAME and NS a host name without the
 *   trailing dot (absolute); MX `<preference> <host>`; SRV `<priority> <weight> <port> <host>`;
 *   CAA `<flags> <tag> <value>` with the value unquoted; TXT the text itself, unquoted, any length,
 *   which the driver splits into strings of at most 255 bytes and escapes.
 */
export interface DnsRecord {
  name: string;
  type: DnsRecordType;
  ttl: number;
  value: string;
}

export interface DnsZoneDesired {
  id: string;
  /** Already normalized by names.normalizeDomain. Unused when state is absent. */
  domain: string;
  /** The SOA serial: grows with every change of the zone. */
  serial: number;
  /** Never holds SOA or apex NS records: the driver writes those from its name servers. */
  records: DnsRecord[];
  /** live: served; suspended: withdrawn from DNS but kept; absent: removed. */
  state: DesiredState;
}

export type DnsZoneDriver = ResourceDriver<DnsZoneDesired>;
