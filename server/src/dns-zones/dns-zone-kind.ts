import type { ResourceKind } from '../hosting/resource-kind.js';
import type { DnsZoneDesired } from '../provisioning/drivers/powerdns/zone-desired.js';
import type { PowerDnsZoneDriver } from '../provisioning/drivers/powerdns/zone-driver.js';
import { zoneService } from '../provisioning/drivers/powerdns/zone-service.js';
import type { ReconciledKind } from '../provisioning/reconciled-kind.js';
import { desiredDnsZones, expectedDnsZones } from './dns-zone-inventory.js';
import { dnsZoneServers } from './dns-zone-servers.table.js';
import { DnsZone } from './dns-zones.schemas.js';
import { dnsZones } from './dns-zones.table.js';
import { presentDnsZone } from './present-dns-zone.js';

/** A zone on Keel's name servers. */
export const dnsZoneKind = {
  noun: 'dns_zone',
  title: 'DNS zone',
  plural: 'DNS zones',
  path: 'dns-zones',
  idParam: 'zoneId',
  table: dnsZones,
  counter: 'dnsZoneCount',
  limit: 'dnsZones',
  // Served while the customer is suspended: its mail is still accepted and needs the zone's MX.
  statusStates: { active: 'live', suspended: 'live', deleted: 'suspended' },
  sortColumns: { domain: dnsZones.domain, createdAt: dnsZones.createdAt },
  defaultSort: 'domain',
  searchColumn: dnsZones.domain,
  actions: ['repaired'],
  label: (zone) => zone.domain,
  describe: (zone) => ({ domain: zone.domain }),
  schema: DnsZone,
  present: presentDnsZone,
  desired: desiredDnsZones,
  service: zoneService,
  // The provider's name servers: each server with the dns role serves every customer's zones.
  servedBy: { role: 'dns', table: dnsZoneServers },
  expected: expectedDnsZones,
} as const satisfies ResourceKind<typeof dnsZones> & ReconciledKind<DnsZoneDesired, PowerDnsZoneDriver>;
