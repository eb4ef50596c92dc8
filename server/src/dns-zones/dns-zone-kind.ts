import { dnsZones } from '../db/schema/hosting.js';
import type { HostedIds, HostedKind } from '../hosting/hosted-resources.js';
import type { dnsZoneSortFields } from './dns-zones.schemas.js';

export const dnsZoneKind: HostedKind<typeof dnsZones, (typeof dnsZoneSortFields)[number]> = {
  noun: 'dns_zone',
  title: 'DNS zone',
  table: dnsZones,
  counter: 'dnsZoneCount',
  sortColumns: { domain: dnsZones.domain, createdAt: dnsZones.createdAt },
  defaultSort: 'domain',
  searchColumn: dnsZones.domain,
  describe: (zone) => ({ domain: zone.domain }),
};

/** `/customers/:id/dns-zones/:zoneId` as the shared rules name a resource. */
export const dnsZoneIds = (params: { id: string; zoneId: string }): HostedIds => ({
  customerId: params.id,
  resourceId: params.zoneId,
});
