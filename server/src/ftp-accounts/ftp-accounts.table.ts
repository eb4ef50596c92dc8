import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../db/schema/customers.js';
import { reconciled } from '../db/schema/reconciled.js';

export const ftpAccounts = pgTable(
  'ftp_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** The login, with the customer's prefix; unique across Keel as pure-ftpd has one users file. */
    user: text('user').notNull(),
    /** Relative to the customer's home, '' for the home itself; normalized by ftp-directory.ts. */
    directory: text('directory').notNull(),
    /** An argon2id string pure-ftpd checks itself, so Keel never keeps the password. */
    passwordHash: text('password_hash').notNull(),
    ...reconciled(),
  },
  (table) => [
    uniqueIndex('ftp_accounts_user_key').on(table.user),
    index('ftp_accounts_customer_id_idx').on(table.customerId),
  ],
);
