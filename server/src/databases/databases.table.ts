import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../db/schema/customers.js';
import { reconciled } from '../db/schema/reconciled.js';

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
