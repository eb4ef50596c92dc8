import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../db/schema/customers.js';
import { reconciled } from '../db/schema/reconciled.js';
import { websiteTlsColumns } from './website-tls.columns.js';

export const websites = pgTable(
  'websites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** Lower-case ASCII (punycode), unique across all customers until the site is gone. */
    domain: text('domain').notNull(),
    /** Runs PHP in its customer's pool; off keeps the version, so switching it on again restores it. */
    phpEnabled: boolean('php_enabled').notNull().default(false),
    /** A version installed on the server when chosen (`8.2`); null until PHP is first switched on. */
    phpVersion: text('php_version'),
    ...reconciled(),
    ...websiteTlsColumns(),
  },
  (table) => [
    uniqueIndex('websites_domain_key').on(table.domain),
    index('websites_customer_id_idx').on(table.customerId),
    // The ACME worker's claim: only sites that want a certificate from the CA.
    index('websites_tls_retry_at_idx').on(table.tlsRetryAt).where(sql`${table.tlsSource} = 'acme'`),
    // Keys an older Keel kept in plain text: empty once sealed, so the check at every start is free.
    index('websites_tls_key_plain_idx').on(table.id).where(sql`${table.tlsPrivateKey} not like 'v1:%'`),
  ],
);
