import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from './columns.js';
import { resellers } from './resellers.js';

/** A cap per kind of hosting resource; a resource kind names the one that caps it. */
const limits = {
  sites: integer('sites'),
  databases: integer('databases'),
  mailboxes: integer('mailboxes'),
  ftpAccounts: integer('ftp_accounts'),
  dnsZones: integer('dns_zones'),
  cronJobs: integer('cron_jobs'),
};

export type PackageLimit = keyof typeof limits;

/**
 * Hosting packages; `ownerResellerId` null means the admins' own. A null limit means unlimited.
 * Names are unique per owner regardless of case; the admins' packages (null owner) count as one owner.
 */
export const packages = pgTable(
  'packages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    ownerResellerId: uuid('owner_reseller_id').references(() => resellers.id, { onDelete: 'cascade' }),
    ...limits,
    diskMb: integer('disk_mb'),
    /** Its customers are placed only on servers of this group (servers.group_name); null: on any server. */
    serverGroup: text('server_group'),
    createdAt: timestampTz('created_at').notNull().defaultNow(),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('packages_owner_reseller_id_idx').on(table.ownerResellerId),
    uniqueIndex('packages_owner_name_key').on(
      sql`coalesce(owner_reseller_id, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`lower(name)`,
    ),
  ],
);
