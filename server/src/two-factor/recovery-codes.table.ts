import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from '../db/schema/columns.js';
import { users } from '../db/schema/users.js';

/** A user's one-time recovery codes for two-factor sign-in, stored only as password hashes. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestampTz('created_at').notNull(),
    usedAt: timestampTz('used_at'),
  },
  (table) => [index('recovery_codes_user_id_idx').on(table.userId)],
);
