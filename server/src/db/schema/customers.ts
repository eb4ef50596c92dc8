import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  integer,
  pgSequence,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestampTz } from './columns.js';
import { packages } from './packages.js';
import { resellers } from './resellers.js';
import { servers } from './servers.js';
import { users } from './users.js';

export const customerStatuses = ['active', 'suspended', 'deleted'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

type CustomerColumns = {
  [Column in
    | 'id'
    | 'resellerId'
    | 'status'
    | 'firstName'
    | 'lastName'
    | 'company'
    | 'email'
    | 'resellerName'
    | 'packageName'
    | 'siteCount'
    | 'databaseCount'
    | 'createdAt']: AnyPgColumn;
};

/**
 * The list's sort orders (the same expressions as customers.queries.ts): the key expressions, and
 * the table columns they read. In an index, the columns after the unique id never change the
 * order; they are there so that a deep page (?page=2000) skips its offset in the index alone,
 * without reading 50,000 table rows: `status` for the list's status filter, and the columns under
 * a `lower(…)` key, since PostgreSQL only plans an index-only scan when the index holds every
 * column the query names, not just the expression over them.
 */
const listSortKeys = (
  table: CustomerColumns,
): Record<string, { keys: [SQL | AnyPgColumn, ...(SQL | AnyPgColumn)[]]; columns: AnyPgColumn[] }> => ({
  name: {
    keys: [sql`lower(${table.lastName})`, sql`lower(${table.firstName})`],
    columns: [table.lastName, table.firstName],
  },
  company: { keys: [sql`lower(${table.company})`], columns: [table.company] },
  email: { keys: [table.email], columns: [] },
  status: { keys: [table.status], columns: [] },
  reseller: { keys: [sql`lower(${table.resellerName})`], columns: [table.resellerName] },
  package: { keys: [sql`lower(${table.packageName})`], columns: [table.packageName] },
  site_count: { keys: [table.siteCount], columns: [] },
  database_count: { keys: [table.databaseCount], columns: [] },
  created_at: { keys: [table.createdAt], columns: [] },
});

/**
 * Text lower-cased and without its accents ("Müller" → "muller"): how the stored search text and
 * the prefix indexes fold it, and so how a search must fold its pattern for them to serve it.
 * keel_unaccent is the immutable wrapper of PostgreSQL's `unaccent` (migrations 0012 and 0022),
 * which a stored column or an index may use.
 */
export const folded = (text: SQLWrapper) => sql`lower(keel_unaccent(${text}))`;

/**
 * A reseller's short search (one or two letters: the start of a first name, last name, company or
 * email) counts its matches exactly, filtering every one of its rows. With those columns in the
 * reseller's name index too, that count reads the index alone instead of one table page per
 * customer: 3 ms instead of 12 for a reseller with 2,400 customers (docs/performance.md).
 */
const resellerPrefixSearchColumns = (table: CustomerColumns) => [table.company, table.email];

/**
 * The sort indexes of one order: for all customers (an admin's list), per reseller (a reseller's
 * own list, an admin's list filtered by reseller), and for the rarer statuses (`status=suspended`
 * or `deleted`: 6 % and 4 % of customers, whose deep pages would otherwise skip their offset among
 * all the others). Active customers are 90 % of all, read from the first index; the status order
 * needs no index of the last kind, its first one being led by the status.
 */
function sortIndexes(table: CustomerColumns, sort: string) {
  const { keys, columns } = listSortKeys(table)[sort] as ReturnType<typeof listSortKeys>[string];
  const covering = [...(sort === 'status' ? [] : [table.status]), ...columns];
  const [first, ...rest] = keys;
  const global = index(`customers_${sort}_sort_idx`).on(first, ...rest, table.id, ...covering);
  const byReseller = index(`customers_by_reseller_${sort}_idx`).on(
    table.resellerId,
    ...keys,
    table.id,
    ...covering,
    ...(sort === 'name' ? resellerPrefixSearchColumns(table) : []),
  );
  if (sort === 'status') return [global, byReseller];
  const rareStatus = index(`customers_rare_status_${sort}_idx`)
    .on(table.status, ...keys, table.id, ...columns)
    .where(sql`${table.status} <> 'active'`);
  return [global, byReseller, rareStatus];
}

/**
 * One count per kind of hosting resource, kept in step with the resources (hosting/) so the list
 * can show and sort by them and a package limit is checked without counting rows. Each resource
 * kind names its counter here; a new kind adds its column (and a migration).
 */
const resourceCounts = {
  siteCount: integer('site_count').notNull().default(0),
  databaseCount: integer('database_count').notNull().default(0),
  dnsZoneCount: integer('dns_zone_count').notNull().default(0),
  mailboxCount: integer('mailbox_count').notNull().default(0),
  mailAliasCount: integer('mail_alias_count').notNull().default(0),
  ftpAccountCount: integer('ftp_account_count').notNull().default(0),
  cronJobCount: integer('cron_job_count').notNull().default(0),
};

/**
 * Where customers' system user ids come from: numbers only, no /etc/passwd entry (pure-ftpd's
 * users file and PHP-FPM pools take numbers), each customer its own uid and a group of the same
 * number, never reused (docs/operators.md: keep the range free on the host).
 */
export const FIRST_CUSTOMER_UID = 200_000;
export const customerUids = pgSequence('customer_system_uid_seq', { startWith: FIRST_CUSTOMER_UID });

export type CustomerCounter = keyof typeof resourceCounts;
export const customerCounters = Object.keys(resourceCounts) as CustomerCounter[];

/**
 * A hosting customer. `email` mirrors the login user's email so the customer list can search and
 * sort on one table; the use cases that change the email write both in one transaction.
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
    /**
     * The hosting server the customer lives on. Left out, the panel's own local server
     * (keel_local_server(), migration 0022), which is what a single-machine Keel places every customer on.
     */
    serverId: uuid('server_id')
      .notNull()
      .default(sql`keel_local_server()`)
      .references(() => servers.id, { onDelete: 'restrict' }),
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
    /** Set when the purge's home removal was done by the customer's server's agent (another machine). */
    homeRemovedAt: timestampTz('home_removed_at'),
    /**
     * Copies of the reseller's and the package's names: the list's sort keys for those columns (an
     * index can serve a sort only on the table's own columns), and the names every customer view
     * shows, without a join. Triggers (migration 0005) keep them true on every write; nothing else
     * writes them.
     */
    resellerName: text('reseller_name'),
    packageName: text('package_name'),
    ...resourceCounts,
    /** The customer's own system uid (and gid of the same number): its home and files are its own. */
    systemUid: integer('system_uid').notNull().default(sql`nextval('customer_system_uid_seq')`),
    /**
     * What a search (q) looks in, lower-cased and without accents ("Müller" → "muller"), folded
     * once when the row is written rather than for every row a search reads: "First Last", company
     * and email, one per line. A search never holds a line break (customers.schemas.ts), so it
     * matches within one of them, never across two.
     */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(
        folded(sql`first_name || ' ' || last_name || E'\\n' || coalesce(company, '') || E'\\n' || email`),
      ),
    version: integer('version').notNull().default(1),
    createdAt: timestampTz('created_at').notNull().defaultNow(),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('customers_user_id_key').on(table.userId),
    uniqueIndex('customers_system_uid_key').on(table.systemUid),
    index('customers_package_id_idx').on(table.packageId),
    index('customers_server_id_idx').on(table.serverId),
    index('customers_purge_after_idx').on(table.purgeAfter).where(sql`${table.status} = 'deleted'`),
    // Every sort of the list has its indexes (sortIndexes): a page reads its rows in order instead
    // of filtering its way through the whole sort order, whatever the filters. Those per reseller
    // also serve every other lookup by reseller.
    ...Object.keys(listSortKeys(table)).flatMap((sort) => sortIndexes(table, sort)),
    // Substring search (q): one trigram index over the folded search text. Its reseller and status
    // columns (btree_gin) let one index scan intersect a reseller's or a status's customers with a
    // search's trigrams, so a count reads only the rows that match all three.
    index('customers_search_trgm_idx').using(
      'gin',
      table.resellerId,
      table.status,
      sql`${table.searchText} gin_trgm_ops`,
    ),
    // One or two letters have no trigram to look up: they match the start of a first name, last
    // name, company or email instead (customers.queries.ts), which these indexes serve as a range
    // (text_pattern_ops: LIKE 'ab%' whatever the database's collation). The suspended and deleted
    // customers have their own, led by the status as the rare-status sort indexes are: a status's
    // short search then reads its own range of each instead of ANDing a status with ranges that
    // hold 18 % of all customers ("ma" among the suspended: 54 → 11 ms on a million customers).
    ...([table.firstName, table.lastName, table.company, table.email] as const).flatMap((column) => {
      const prefixKey = sql`${folded(column)} text_pattern_ops`;
      return [
        index(`customers_${column.name}_prefix_idx`).on(prefixKey),
        index(`customers_rare_status_${column.name}_prefix_idx`)
          .on(table.status, prefixKey)
          .where(sql`${table.status} <> 'active'`),
      ];
    }),
  ],
);
