import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { UserActor } from '../../server/src/access/actor.js';
import { listCustomers } from '../../server/src/customers/customers.queries.js';
import type { Database } from '../../server/src/db/database.js';
import * as schema from '../../server/src/db/schema/index.js';
import type { BenchDatabase } from './bench-database.js';
import { type Latency, sampleSequentially } from './latency.js';
import type { ListQuery } from './shapes.js';

export interface Statement {
  text: string;
  params: unknown[];
}

/**
 * The SQL the API runs for one list request, taken from Keel's own list query (not rewritten by
 * hand), so the comparison stays true when the query changes.
 */
export async function listStatements(database: BenchDatabase, actor: UserActor, query: ListQuery) {
  const statements: Statement[] = [];
  const logger: Logger = { logQuery: (text, params) => statements.push({ text, params }) };
  const { pool, pglite } = database.handle;
  const recording = (pool
    ? drizzlePostgres(pool, { schema, logger })
    : drizzlePglite(pglite as PGlite, { schema, logger })) as unknown as Database;
  await listCustomers(recording, actor, { page: 1, perPage: 25, ...query });
  return statements;
}

const isEstimate = (statement: Statement) => /^\s*explain/i.test(statement.text);
const isCappedCount = (statement: Statement) => /^\s*select count\(/i.test(statement.text);

/**
 * Times the statements straight on the database as a request in steady state issues them: the
 * page's rows beside the capped count (when the estimate is small). The planner's estimate is left
 * out: the list reuses it for 10 seconds per filter, so the API asks for it once per shape and
 * timing it every sample would hide that much of the API's own overhead.
 */
export function timeStatements(database: BenchDatabase, statements: Statement[], seconds: number) {
  const run = (statement: Statement) => database.query(statement.text, statement.params);
  const counts = statements.filter(isCappedCount);
  const rows = statements.filter((statement) => !isEstimate(statement) && !isCappedCount(statement));
  const inTurn = async (group: Statement[]) => {
    for (const statement of group) await run(statement);
  };
  return sampleSequentially(() => Promise.all([inTurn(rows), inTurn(counts)]), seconds) as Promise<Latency>;
}

/** EXPLAIN ANALYZE of each statement (an EXPLAIN the list itself runs for an estimate is shown as is). */
export async function explainStatements(database: BenchDatabase, statements: Statement[]) {
  const plans: string[] = [];
  for (const statement of statements) {
    if (isEstimate(statement)) {
      plans.push("(the list's own row estimate: planned, not executed)");
      continue;
    }
    const lines = await database.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${statement.text}`,
      statement.params,
    );
    plans.push(lines.map((line) => line['QUERY PLAN']).join('\n'));
  }
  return plans;
}
