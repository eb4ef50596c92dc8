import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestampTz } from '../db/schema/columns.js';

/**
 * Recent failed sign-in guesses per throttle and key (an email, an address, a user id), kept in the
 * database so that every Keel process on it counts the same guesses. A row is forgotten at
 * `forgetAt`, a window after its last failure. `lastFailureAt` is null while a row holds no
 * failure: made only to be locked, or its one attempt taken back.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    throttle: text('throttle').notNull(),
    key: text('key').notNull(),
    failures: integer('failures').notNull(),
    lastFailureAt: timestampTz('last_failure_at'),
    forgetAt: timestampTz('forget_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.throttle, table.key] }),
    index('login_throttle_forget_at_idx').on(table.forgetAt),
  ],
);
