import type { SQL } from 'drizzle-orm';
import type { Queryable } from './database.js';

/** Runs raw SQL and returns its rows; both PGlite and node-postgres answer with `{ rows }`. */
export async function selectRows<Row>(db: Queryable, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
