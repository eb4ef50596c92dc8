import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from '../db/schema/customers.js';
import { reconciled } from '../db/schema/reconciled.js';

export const mailAliases = pgTable(
  'mail_aliases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** Lower-case, the domain in punycode; unique across mailboxes and aliases until gone. */
    address: text('address').notNull(),
    /** Where its mail goes: addresses normalized like `address`, inside Keel or outside. */
    destinations: jsonb('destinations').$type<string[]>().notNull(),
    ...reconciled(),
  },
  (table) => [
    uniqueIndex('mail_aliases_address_key').on(table.address),
    index('mail_aliases_customer_id_idx').on(table.customerId),
  ],
);
