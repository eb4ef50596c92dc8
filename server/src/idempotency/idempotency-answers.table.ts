import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from '../db/schema/columns.js';
import { users } from '../db/schema/users.js';

/**
 * The first answer to each POST a user sent with an `Idempotency-Key`, replayed when the same
 * request comes again until `expiresAt`. `requestDigest` tells a repeat from another request under
 * the same key; `status` is null while the first request is still running. Answers may hold
 * secrets shown once (generated passwords, API tokens), so only the key's SHA-256 is kept and the
 * body is sealed with the key itself: only the client that holds the key can read it back.
 */
export const idempotencyAnswers = pgTable(
  'idempotency_answers',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    keyDigest: text('key_digest').notNull(),
    requestDigest: text('request_digest').notNull(),
    status: integer('status'),
    headers: jsonb('headers').$type<Record<string, string>>(),
    sealedBody: text('sealed_body'),
    createdAt: timestampTz('created_at').notNull(),
    expiresAt: timestampTz('expires_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.keyDigest] }),
    index('idempotency_answers_expires_at_idx').on(table.expiresAt),
  ],
);
