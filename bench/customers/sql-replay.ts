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

/** The statements of the total: the planner's estimate and the capped count. */
const isTotal = (statement: Statement) => /^\s*(explain|select count\()/i.test(statement.text);

/**
 * Times the statements straight on the database, issued as the list issues them: the page's rows
 * beside the statements of the total, which run one after the other.
 */
export function timeStatements(database: BenchDatabase, statements: Statement[], seconds: number) {
  const inTurn = async (group: Statement[]) => {
    for (const statement of group) await database.query(statement.text, statement.params);
  };
  const total = statements.filter(isTotal);
  const rows = statements.filter((statement) => !isTotal(statement));
  return sampleSequentially(() => Promise.all([inTurn(rows), inTurn(total)]), seconds) as Promise<Latency>;
}

/** EXPLAIN ANALYZE of each statement (an EXPLAIN the list itself runs for an estimate is shown as is). */
export async function explainStatements(database: BenchDatabase, statements: Statement[]) {
  const plans: string[] = [];
  for (const statement of statements) {
    if (/^\s*explain/i.test(statement.text)) {
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
