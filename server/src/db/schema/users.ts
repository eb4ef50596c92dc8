import { boolean, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from './columns.js';

export const roles = ['admin', 'reseller', 'customer'] as const;
export type Role = (typeof roles)[number];

/** Everyone who can sign in. `email` is stored normalized (trimmed, lower case), unique across all roles. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: roles }).notNull(),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestampTz('password_changed_at').notNull().defaultNow(),
    /**
     * True while the password is one an operator set or generated and handed over, until the
     * user chooses its own. With the security setting on, a customer must then change it first.
     */
    passwordSetByOperator: boolean('password_set_by_operator').notNull().default(false),
    /**
     * The base32 TOTP secret (RFC 6238): set up but not yet confirmed while `twoFactorEnabledAt`
     * is null. Kept readable, since checking a code needs it; never leaves the server after setup.
     */
    twoFactorSecret: text('two_factor_secret'),
    twoFactorEnabledAt: timestampTz('two_factor_enabled_at'),
    /** The 30-second time step of the last code accepted, so no code is accepted twice. */
    twoFactorLastStep: integer('two_factor_last_step'),
    createdAt: timestampTz('created_at').notNull().defaultNow(),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_email_key').on(table.email)],
);
