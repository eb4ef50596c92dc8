import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from './columns.js';
import { users } from './users.js';

/**
 * Browser sessions. Only the SHA-256 of the cookie token is kept. `userId` is the real user who
 * signed in; while impersonating, `actingUserId` is the customer's user the session acts as.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    actingUserId: uuid('acting_user_id').references(() => users.id, { onDelete: 'cascade' }),
    impersonationStartedAt: timestampTz('impersonation_started_at'),
    impersonationReason: text('impersonation_reason'),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestampTz('created_at').notNull().defaultNow(),
    lastSeenAt: timestampTz('last_seen_at').notNull().defaultNow(),
    expiresAt: timestampTz('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [
    uniqueIndex('sessions_token_hash_key').on(table.tokenHash),
    index('sessions_user_id_idx').on(table.userId),
    index('sessions_acting_user_id_idx').on(table.actingUserId),
  ],
);

/**
 * API tokens for scripts and billing systems: Bearer secrets, stored as SHA-256 only. `scopes`
 * empty means the user's full role; `allowedIps` empty means any address.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes').array().notNull().default([]),
    expiresAt: timestampTz('expires_at'),
    allowedIps: text('allowed_ips').array().notNull().default([]),
    createdAt: timestampTz('created_at').notNull().defaultNow(),
    lastUsedAt: timestampTz('last_used_at'),
    lastUsedIp: text('last_used_ip'),
  },
  (table) => [
    uniqueIndex('api_tokens_token_hash_key').on(table.tokenHash),
    index('api_tokens_user_id_idx').on(table.userId),
  ],
);

/**
 * One-time login links a billing system hands to a customer: the SHA-256 of the secret, for the
 * customer's user, usable once until `expiresAt`. `createdBy` and `apiTokenId` say who asked.
 */
export const loginLinks = pgTable(
  'login_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    apiTokenId: uuid('api_token_id'),
    createdAt: timestampTz('created_at').notNull(),
    expiresAt: timestampTz('expires_at').notNull(),
    usedAt: timestampTz('used_at'),
  },
  (table) => [uniqueIndex('login_links_token_hash_key').on(table.tokenHash)],
);
