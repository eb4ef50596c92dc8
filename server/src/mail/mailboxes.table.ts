import { bigint, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../db/schema/customers.js';
import { reconciled } from '../db/schema/reconciled.js';

export const mailboxes = pgTable(
  'mailboxes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** Lower-case, the domain in punycode; unique across mailboxes and aliases until gone. */
    address: text('address').notNull(),
    /** argon2id, which Dovecot verifies itself: the password is never kept. */
    passwordHash: text('password_hash').notNull(),
    quotaMb: integer('quota_mb').notNull(),
    /** The size of the messages in its Maildir when the reconciler's sweep last measured it. */
    usedBytes: bigint('used_bytes', { mode: 'number' }).notNull().default(0),
    ...reconciled(),
  },
  (table) => [
    uniqueIndex('mailboxes_address_key').on(table.address),
    index('mailboxes_customer_id_idx').on(table.customerId),
  ],
);
