import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from './columns.js';
import { packages } from './packages.js';
import { resellers } from './resellers.js';
import { users } from './users.js';

export const customerStatuses = ['active', 'suspended', 'deleted'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

/**
 * A hosting customer. `email` mirrors the login user's email so the customer list can search and
 * sort on one table; the use cases that change the email write both in one transaction.
 * `siteCount` and `databaseCount` are kept in step with the resources for the same reason.
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    resellerId: uuid('reseller_id').references(() => resellers.id, { onDelete: 'restrict' }),
    packageId: uuid('package_id').references(() => packages.id, { onDelete: 'set null' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    company: text('company'),
    email: text('email').notNull(),
    status: text('status', { enum: customerStatuses }).notNull().default('active'),
    statusBeforeDelete: text('status_before_delete', { enum: customerStatuses }),
    suspendedAt: timestampTz('suspended_at'),
    suspendReason: text('suspend_reason'),
    deletedAt: timestampTz('deleted_at'),
    purgeAfter: timestampTz('purge_after'),
    purgeStartedAt: timestampTz('purge_started_at'),
    /**
     * Copies of the reseller's and the package's names: the list's sort keys for those columns (an
     * index can serve a sort only on the table's own columns), and the names every customer view
     * shows, without a join. Triggers (migration 0005) keep them true on every write; nothing else
     * writes them.
     */
    resellerName: text('reseller_name'),
    packageName: text('package_name'),
    siteCount: integer('site_count').notNull().default(0),
    databaseCount: integer('database_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestampTz('created_at').notNull().defaultNow(),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('customers_user_id_key').on(table.userId),
    index('customers_reseller_id_idx').on(table.resellerId),
    index('customers_package_id_idx').on(table.packageId),
    index('customers_purge_after_idx').on(table.purgeAfter).where(sql`${table.status} = 'deleted'`),
    // The list's sort orders (the same expressions as customers.queries.ts), id as the tiebreak.
    // The default order. The columns after id never change the order (id is unique); they let a
    // deep page (?page=1000) skip its offset in the index alone, without reading 25,000 table rows.
    index('customers_name_sort_idx').on(
      sql`lower(${table.lastName})`,
      sql`lower(${table.firstName})`,
      table.id,
      table.status,
      table.lastName,
      table.firstName,
    ),
    index('customers_company_sort_idx').on(sql`lower(${table.company})`, table.id),
    index('customers_email_sort_idx').on(table.email, table.id),
    index('customers_status_sort_idx').on(table.status, table.id),
    index('customers_reseller_sort_idx').on(sql`lower(${table.resellerName})`, table.id),
    index('customers_package_sort_idx').on(sql`lower(${table.packageName})`, table.id),
    index('customers_site_count_sort_idx').on(table.siteCount, table.id),
    index('customers_database_count_sort_idx').on(table.databaseCount, table.id),
    index('customers_created_at_sort_idx').on(table.createdAt, table.id),
    // Substring search (q) over full name, company and email: trigram indexes serve ILIKE '%…%'.
    index('customers_full_name_trgm_idx').using(
      'gin',
      sql`(${table.firstName} || ' ' || ${table.lastName}) gin_trgm_ops`,
    ),
    index('customers_company_trgm_idx').using('gin', sql`${table.company} gin_trgm_ops`),
    index('customers_email_trgm_idx').using('gin', sql`${table.email} gin_trgm_ops`),
  ],
);
