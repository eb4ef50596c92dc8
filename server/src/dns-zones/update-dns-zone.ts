import type { Context } from '../context.js';
import { updateHosted } from '../hosting/hosted-resources.js';
import type { HostedIds } from '../hosting/resource-kind.js';
import type { DnsRecord } from '../provisioning/drivers/powerdns/zone-desired.js';
import { dnsZoneKind } from './dns-zone-kind.js';
import type { UpdateDnsZoneBody } from './dns-zones.schemas.js';
import { checkedRecords } from './invalid-records.js';
import { nextSerial } from './zone-serial.js';

/**
 * Turns a zone on or off and/or replaces its records, in one change with a new serial. The
 * records are checked against the locked zone's domain; a refusal rolls back before any write.
 */
export function updateDnsZone(ctx: Context, ids: HostedIds, input: UpdateDnsZoneBody) {
  return updateHosted(ctx, dnsZoneKind, ids, (zone) => {
    const records = input.records === undefined ? undefined : checkedRecords(zone.domain, input.records);
    const set: Record<string, unknown> = {};
    const details: Record<string, unknown> = {};
    if (input.enabled !== undefined && input.enabled !== zone.enabled) {
      set.enabled = input.enabled;
      details.enabled = { from: zone.enabled, to: input.enabled };
    }
    if (records !== undefined && !sameRecords(records, zone.records)) {
      set.records = records;
      set.serial = nextSerial(ctx.now(), zone.serial);
      details.records = { from: zone.records, to: records };
    }
    return Object.keys(set).length === 0 ? null : { set, details };
  });
}

// Field by field: the stored records come back from jsonb with their keys in another order.
const recordKey = (record: DnsRecord) => [record.name, record.type, record.ttl, record.value].join(' ');
const sameRecords = (a: DnsRecord[], b: DnsRecord[]) =>
  a.length === b.length && a.every((record, index) => recordKey(record) === recordKey(b[index] as DnsRecord));
