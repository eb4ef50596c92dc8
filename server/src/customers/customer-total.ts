import { count, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import { customers } from '../db/schema/customers.js';

/** Up to this many matches the total is exact: 40 pages of 25, counted from at most 1,001 rows. */
export const exactTotalLimit = 1000;

/**
 * Above this planner estimate the matches are surely more than `exactTotalLimit` (the planner
 * would have to be five times wrong), so not even the capped count is run. Between five and ten
 * thousand the count cost the most and changed nothing: a status with a common fragment
 * (suspended, "mar": 9,837 estimated, 6,022 real) built bitmaps of 230,000 index entries to count
 * to 1,001 (35 ms at the median on a million customers). Trigram estimates were within 2 × of the
 * real count in every measured search; prefixes of two letters, up to 8 × over but below 2,000.
 */
const surelyMany = exactTotalLimit * 5;

/**
 * How long an estimate is reused for the same filter. It comes from the statistics ANALYZE keeps,
 * which change every few minutes at most, so asking the planner again within seconds tells
 * nothing new; it would only add a round trip to every page.
 */
const estimateReuseMs = 10_000;
const estimatesKept = 1_000;

type PlanDocument = [{ Plan: { 'Plan Rows': number } }];

/** Renders a filter to its text and parameters: the key its estimate is kept under. */
const dialect = new PgDialect();

const estimates = new WeakMap<Queryable, Map<string, { rows: number; until: number }>>();

function rememberedEstimates(db: Queryable) {
  let kept = estimates.get(db);
  if (!kept) {
    kept = new Map();
    estimates.set(db, kept);
  }
  return kept;
}

async function plannerEstimate(db: Queryable, where: SQL | undefined): Promise<number> {
  const filter = dialect.sqlToQuery(where ?? sql`true`);
  const key = `${filter.sql}\n${JSON.stringify(filter.params)}`;
  const kept = rememberedEstimates(db);
  const now = performance.now();
  const known = kept.get(key);
  if (known && known.until > now) return known.rows;
  const matches = db.select({ one: sql`1` }).from(customers).where(where);
  const [explained] = await selectRows<{ 'QUERY PLAN': PlanDocument | string }>(
    db,
    sql`explain (format json) ${matches}`,
  );
  const plan = explained?.['QUERY PLAN'];
  const document: PlanDocument = typeof plan === 'string' ? JSON.parse(plan) : (plan as PlanDocument);
  const rows = Math.round(document[0].Plan['Plan Rows']);
  kept.delete(key);
  // A Map iterates in insertion order: past the bound, the estimate stored longest ago goes.
  if (kept.size >= estimatesKept) kept.delete(kept.keys().next().value as string);
  kept.set(key, { rows, until: now + estimateReuseMs });
  return rows;
}

/** The matches counted, stopping after one more than `exactTotalLimit`. */
async function cappedCount(db: Queryable, where: SQL | undefined): Promise<number> {
  const matches = db
    .select({ one: sql`1` })
    .from(customers)
    .where(where)
    .limit(exactTotalLimit + 1)
    .as('matches');
  const [capped] = await db.select({ total: count() }).from(matches);
  return capped?.total ?? 0;
}

/**
 * At most this many estimated matches are likely few (trigram estimates were within 2 × of the
 * real count): their page is read for few matches beside the count instead of after it.
 */
const likelyFew = exactTotalLimit * 2;

/**
 * The number of customers matching `where`, for the list's `total`, with the page's rows that
 * `readPage` reads, told whether the matches are few (at most `exactTotalLimit`). Counting a
 * million rows for every page would cost more than the page itself. So: the planner's estimate
 * (from the statistics ANALYZE keeps) first; when it is large, that is the total, flagged so a
 * client can show "about N". Otherwise an exact count that stops after `exactTotalLimit + 1`
 * matches. When the estimate says few, the page is read as for few beside the count: on a server
 * the two take two connections at once, so a filtered search waits for the slower of them rather
 * than for both; should the count find more, the page is read again for many.
 */
export async function customerTotalWithPage<Rows>(
  db: Queryable,
  where: SQL | undefined,
  readPage: (fewMatches: boolean) => PromiseLike<Rows>,
) {
  const estimate = await plannerEstimate(db, where);
  if (estimate > surelyMany) return { total: estimate, totalIsEstimate: true, rows: await readPage(false) };
  // The page first: a request it refuses (a cursor not of this list) then starts no count.
  const [fewRows, counted] =
    estimate <= likelyFew
      ? await Promise.all([readPage(true), cappedCount(db, where)])
      : [null, await cappedCount(db, where)];
  if (counted <= exactTotalLimit)
    return { total: counted, totalIsEstimate: false, rows: fewRows ?? (await readPage(true)) };
  return { total: Math.max(estimate, counted), totalIsEstimate: true, rows: await readPage(false) };
}
