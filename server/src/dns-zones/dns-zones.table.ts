import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../db/schema/customers.js';
import { reconciled } from '../db/schema/reconciled.js';
import type { DnsRecord } from '../provisioning/drivers/powerdns/zone-desired.js';

export const dnsZones = pgTable(
  'dns_zones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** Lower-case ASCII (punycode), unique across all customers until the zone is gone. */
    domain: text('domain').notNull(),
    /** Validated and normalized by dns-zones/dns-records.ts; SOA and apex NS are the server's own. */
    records: jsonb('records').$type<DnsRecord[]>().notNull().default([]),
    /** The SOA serial: seconds since 1970 at the last change, or one more than before if that is larger. */
    serial: bigint('serial', { mode: 'number' }).notNull(),
    // Its enabled switch, removal and desired generation; what each name server applied is in
    // dns_zone_servers, so the applied columns here stay as a zone no server applied.
    ...reconciled(),
  },
  (table) => [
    uniqueIndex('dns_zones_domain_key').on(table.domain),
    index('dns_zones_customer_id_idx').on(table.customerId),
    // Finds the zones below a domain (`reverse(domain) like 'moc.elpmaxe.%'`) without a scan,
    // so no customer can take over a name inside another customer's zone.
    index('dns_zones_reversed_domain_idx').using('btree', sql`reverse(${table.domain}) text_pattern_ops`),
  ],
);
