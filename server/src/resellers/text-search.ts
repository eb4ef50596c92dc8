import { ilike, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { likePattern } from '../db/like-pattern.js';

/** Case-insensitive substring match of `q` in any of the columns; no condition for an empty search. */
export function containsText(columns: PgColumn[], q: string | undefined): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  return or(...columns.map((column) => ilike(column, likePattern(text))));
}
