/**
 * What the reconciler hands a driver and gets back. A batch holds the desired state of each
 * resource that needs converging; the driver answers once per resource, in any order. Every
 * step is idempotent, so re-applying a state already in place is a cheap no-op.
 */

/** live: serve/usable; suspended: 503 page / account locked, data kept; absent: removed everywhere. */
export type DesiredState = 'live' | 'suspended' | 'absent';

export interface WebsiteDesired {
  id: string;
  customerId: string;
  /** Already normalized by names.normalizeDomain. Unused when state is absent. */
  domain: string;
  state: DesiredState;
}

export interface DatabaseDesired {
  id: string;
  /** Complete MariaDB names from names.databaseName / databaseUserName. */
  name: string;
  user: string;
  /** mysql_native_password hash ('*' + 40 hex), see mariadb/password-hash.ts. Unused when absent. */
  passwordHash: string;
  state: DesiredState;
}

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

export type ApplyResult = { id: string; ok: true } | { id: string; ok: false; error: string };

export type InventoryKind = 'vhost' | 'home' | 'database' | 'database-user' | 'dns-zone';

/** Something that exists on a service; `name` is a resource id (vhost, home) or a MariaDB name. */
export interface InventoryItem {
  kind: InventoryKind;
  name: string;
  /** The MariaDB host part of a database user, e.g. localhost. */
  host?: string;
}

export interface ResourceDriver<Desired> {
  apply(batch: readonly Desired[]): Promise<ApplyResult[]>;
  inventory(): Promise<InventoryItem[]>;
}

export interface WebsiteDriver extends ResourceDriver<WebsiteDesired> {
  /** Purge: removes a customer's home directory and everything in it; already gone is success. */
  removeHome(customerId: string): Promise<void>;
}
export type DatabaseDriver = ResourceDriver<DatabaseDesired>;
export type DnsZoneDriver = ResourceDriver<DnsZoneDesired>;

export function failure(id: string, error: unknown): ApplyResult {
  return { id, ok: false, error: error instanceof Error ? error.message : String(error) };
}
