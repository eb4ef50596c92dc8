import type { dnsZones } from '../db/schema/hosting.js';
import type { OwnerState } from '../hosting/effective-state.js';
import { provisioningOf } from '../hosting/provisioning-view.js';
import type { DnsZone } from './dns-zones.schemas.js';

export type DnsZoneRow = typeof dnsZones.$inferSelect;

export const presentDnsZone = (row: DnsZoneRow, owner: OwnerState): DnsZone => ({
  id: row.id,
  domain: row.domain,
  enabled: row.enabled,
  records: row.records,
  serial: row.serial,
  provisioning: provisioningOf(row, owner, 'dns_zones'),
  createdAt: row.createdAt.toISOString(),
});
