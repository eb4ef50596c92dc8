import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { DnsRecord } from '../../provisioning/drivers/types.js';
import { timestampTz } from './columns.js';
import { customers } from './customers.js';

export const appliedStates = ['live', 'suspended', 'absent'] as const;
export const provisioningStates = ['pending', 'ready', 'error'] as const;

/**
 * What the reconciler needs on every hosting resource. A request bumps `desiredGeneration`;
 * the reconciler records the generation and state it applied. The effective state (live,
 * suspended, absent) is derived from `enabled`, `removedAt` and the customer's status, so
 * suspending a customer changes no resource row.
 */
const reconciled = () => ({
  enabled: boolean('enabled').notNull().default(true),
  /** Set when the resource is deleted: it stays until the service no longer has it. */
  removedAt: timestampTz('removed_at'),
  desiredGeneration: integer('desired_generation').notNull().default(1),
  appliedGeneration: integer('applied_generation').notNull().default(0),
  appliedState: text('applied_state', { enum: appliedStates }),
  provisioningState: text('provisioning_state', { enum: provisioningStates }).notNull().default('pending'),
  provisioningError: text('provisioning_error'),
  provisioningUpdatedAt: timestampTz('provisioning_updated_at').notNull().defaultNow(),
  attempts: integer('attempts').notNull().default(0),
  retryAt: timestampTz('retry_at'),
  /** A reconciler process holds the resource until then (a lease, so a crashed one lets go). */
  claimedUntil: timestampTz('claimed_until'),
  claimedBy: text('claimed_by'),
  createdAt: timestampTz('created_at').notNull().defaultNow(),
  updatedAt: timestampTz('updated_at').notNull().defaultNow(),
});

export const websites = pgTable(
  'websites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** Lower-case ASCII (punycode), unique across all customers until the site is gone. */
    domain: text('domain').notNull(),
    ...reconciled(),
  },
  (table) => [
    uniqueIndex('websites_domain_key').on(table.domain),
    index('websites_customer_id_idx').on(table.customerId),
  ],
);

export const databases = pgTable(
  'databases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** Full MariaDB names, with the customer's prefix. */
    name: text('name').notNull(),
    user: text('user').notNull(),
    /** MariaDB's own mysql_native_password hash, so Keel can re-apply the password without knowing it. */
    passwordHash: text('password_hash').notNull(),
    ...reconciled(),
  },
  (table) => [
    uniqueIndex('databases_name_key').on(table.name),
    uniqueIndex('databases_user_key').on(table.user),
    index('databases_customer_id_idx').on(table.customerId),
  ],
);

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
