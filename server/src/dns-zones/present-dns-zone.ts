import type { PresentedWith } from '../hosting/resource-kind.js';
import type { DnsZone } from './dns-zones.schemas.js';
import type { dnsZones } from './dns-zones.table.js';

export const presentDnsZone = (row: typeof dnsZones.$inferSelect, shown: PresentedWith): DnsZone => ({
  id: row.id,
  domain: row.domain,
  enabled: row.enabled,
  records: row.records,
  serial: row.serial,
  nameServers: [...shown.nameservers],
  provisioning: shown.provisioning,
  createdAt: row.createdAt.toISOString(),
});
