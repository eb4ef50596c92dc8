import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { DEFAULT_TTL } from '../dns-zones/dns-records.js';
import { dnsZones } from '../dns-zones/dns-zones.table.js';
import { updateDnsZone } from '../dns-zones/update-dns-zone.js';
import type { DnsRecord } from '../provisioning/drivers/powerdns/zone-desired.js';
import type { MailDomainRow } from './mail-domain-key.js';

/** What a mail record means, for telling ours from a customer's own record of the same kind. */
type Purpose = 'mx' | 'spf' | 'dkim';
interface MailRecord extends DnsRecord {
  purpose: Purpose;
}

/**
 * The records that make mail at `domain` work with Keel, names absolute: MX to Keel's mail host,
 * SPF allowing the hosts of that MX, and the domain's DKIM public key.
 */
export function mailRecords(row: MailDomainRow, mailHost: string): MailRecord[] {
  return [
    { purpose: 'mx', name: row.domain, type: 'MX', ttl: DEFAULT_TTL, value: `10 ${mailHost}` },
    { purpose: 'spf', name: row.domain, type: 'TXT', ttl: DEFAULT_TTL, value: 'v=spf1 mx -all' },
    {
      purpose: 'dkim',
      name: `${row.dkimSelector}._domainkey.${row.domain}`,
      type: 'TXT',
      ttl: DEFAULT_TTL,
      value: `v=DKIM1; k=rsa; p=${row.dkimPublicKey}`,
    },
  ];
}

/** The customer's live zone nearest above (or at) `domain`, if Keel serves one. */
export async function customersZoneFor(db: Queryable, customerId: string, domain: string) {
  const [zone] = await db
    .select({ id: dnsZones.id, domain: dnsZones.domain, records: dnsZones.records })
    .from(dnsZones)
    .where(
      and(
        eq(dnsZones.customerId, customerId),
        isNull(dnsZones.removedAt),
        or(eq(dnsZones.domain, domain), sql`${domain} like '%.' || ${dnsZones.domain}`),
      ),
    )
    .orderBy(desc(sql`length(${dnsZones.domain})`))
    .limit(1);
  return zone;
}

const relativeTo = (zone: string, name: string) => (name === zone ? '@' : name.slice(0, -(zone.length + 1)));

/** Whether the zone already has a record serving the purpose: one of its own is left as it is. */
function serves(existing: DnsRecord, wanted: MailRecord): boolean {
  if (existing.name !== wanted.name || existing.type !== wanted.type) return false;
  if (wanted.purpose === 'mx') return true;
  if (wanted.purpose === 'spf') return existing.value.startsWith('v=spf1');
  return existing.value === wanted.value;
}

/**
 * Adds the mail records of the customer's new mail domain to its zone when Keel serves that zone,
 * through the zone's own update (audited, a new serial, PowerDNS reloaded by the reconciler). An
 * MX or SPF record the customer already has stays: it decides where its mail goes; a DKIM record
 * of an older key of this selector is replaced.
 */
export async function publishMailRecords(ctx: Context, row: MailDomainRow, mailHost: string) {
  const zone = await customersZoneFor(ctx.db, row.customerId, row.domain);
  if (!zone) return;
  const wanted = mailRecords(row, mailHost).map((record) => ({
    ...record,
    name: relativeTo(zone.domain, record.name),
  }));
  const missing = wanted.filter((record) => !zone.records.some((existing) => serves(existing, record)));
  if (missing.length === 0) return;
  const dkimNames = new Set(missing.filter((r) => r.purpose === 'dkim').map((r) => r.name));
  const kept = zone.records.filter((record) => !(record.type === 'TXT' && dkimNames.has(record.name)));
  const added = missing.map(({ purpose: _, ...record }) => record);
  await updateDnsZone(
    ctx,
    { customerId: row.customerId, resourceId: zone.id },
    { records: [...kept, ...added] },
  );
}
