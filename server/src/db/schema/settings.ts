import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestampTz } from './columns.js';

/** Operator settings, one JSON document per group (`security`, `platform`). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestampTz('updated_at').notNull().defaultNow(),
});
