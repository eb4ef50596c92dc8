import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from '../db/schema/columns.js';
import { websites } from '../websites/websites.table.js';

/**
 * HTTP-01 answers the CA is about to ask a site's server for, while an order for a site on a
 * server an agent runs is under way. The agent of the site's server (the customer's, at the time it
 * asks) writes them where its nginx answers the CA, and says so: the order goes on only then. Rows
 * go when the order ends; a panel stopped mid-order leaves rows the next worker pass drops.
 */
export const acmeChallenges = pgTable(
  'acme_challenges',
  {
    /** The CA's token, base64url: the file name under /.well-known/acme-challenge/. */
    token: text('token').primaryKey(),
    websiteId: uuid('website_id')
      .notNull()
      .references(() => websites.id, { onDelete: 'cascade' }),
    keyAuthorization: text('key_authorization').notNull(),
    createdAt: timestampTz('created_at').notNull(),
    /** When the agent reported the answer served; null until then. */
    placedAt: timestampTz('placed_at'),
  },
  (table) => [index('acme_challenges_website_id_idx').on(table.websiteId)],
);
