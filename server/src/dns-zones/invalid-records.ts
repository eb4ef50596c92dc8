import { unprocessable } from '../errors/problem.js';
import type { DnsRecord } from '../provisioning/drivers/powerdns/zone-desired.js';
import { checkRecords, type DnsRecordInput } from './dns-records.js';

/** The zone's records normalized, or a 422 naming every record that is wrong and why. */
export function checkedRecords(zone: string, inputs: readonly DnsRecordInput[]): DnsRecord[] {
  const checked = checkRecords(zone, inputs);
  if (checked.ok) return checked.value;
  const count = checked.errors.length;
  throw unprocessable(
    count === 1 ? (checked.errors[0]?.message ?? '') : `${count} problems with the records.`,
    checked.errors,
    'invalid-dns-records',
  );
}
