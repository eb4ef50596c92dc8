import { count, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/database.js';
import { perDatabase } from '../db/prepared-statements.js';
import { selectRows } from '../db/raw.js';
import { customers } from '../db/schema/customers.js';

/**
 * Up to how many matches the total is exact: API.md allows an estimate only above 10,000. Without
 * a search that count reads a btree index (a reseller's, a status's, a server's): a few
 * milliseconds. A search's matches are counted through its trigram or prefix indexes, each
 * candidate row read and checked again, which on a million customers takes about ten
 * milliseconds for thousands of matches ("mar" among the biggest reseller's 67,550 customers:
 * 6,640 matches, 13–14 ms); the contract's exact total is worth that, and a count that passes the
 * limit is not run again for a while (`knownMatchesReuseMs`).
 */
const exactTotalLimit = 10_000;

/**
 * Up to this many matches a page collects all of them first and sorts only those (see
 * `pageRows`); more are read along the sort order instead.
 */
export const fewMatchesLimit = 1000;

/**
 * Above five times the exact limit the planner's estimate says the matches are surely more than
 * that limit (the planner would have to be five times wrong), so not even the capped count is run.
 * Trigram estimates were within 2 × of the real count in most measured searches ("byrne", found in
 * names, companies and emails, 16 × under: 240 for 3,996); prefixes of two letters, up to 8 × over
 * but below 2,000.
 */
const surelyManyFactor = 5;

/**
 * How long what is known of a filter is reused: the planner's estimate comes from the statistics
 * ANALYZE keeps, which change every few minutes at most, so asking the planner again within
 * seconds tells nothing new; it would only add a round trip to every page. A count that passed
 * its exact limit is kept as long: the next page, or another sort, of the same search then skips
 * the count, whose answer would only be "more than the limit" again.
 */
const knownMatchesReuseMs = 10_000;
const knownMatchesKept = 1_000;

/** What is known of the matches of one filter, for `knownMatchesReuseMs`. */
interface KnownMatches {
  estimate: number;
  /** A count found more than the exact limit, though the estimate may say fewer. */
  countedPastLimit: boolean;
  /** A count found more than `fewMatchesLimit`, though the estimate may say fewer. */
  countedMany: boolean;
  until: number;
}

type PlanDocument = [{ Plan: { 'Plan Rows': number } }];

/** Renders a filter to its text and parameters: the key its knowledge is kept under. */
const dialect = new PgDialect();

const keptKnowledge = perDatabase((_db: Queryable) => new Map<string, KnownMatches>());

async function knownMatches(db: Queryable, where: SQL | undefined): Promise<KnownMatches> {
  const filter = dialect.sqlToQuery(where ?? sql`true`);
  const key = `${filter.sql}\n${JSON.stringify(filter.params)}`;
  const kept = keptKnowledge(db);
  const now = performance.now();
  const remembered = kept.get(key);
  if (remembered && remembered.until > now) return remembered;
  const matches = db.select({ one: sql`1` }).from(customers).where(where);
  const [explained] = await selectRows<{ 'QUERY PLAN': PlanDocument | string }>(
    db,
    sql`explain (format json) ${matches}`,
  );
  const plan = explained?.['QUERY PLAN'];
  const document: PlanDocument = typeof plan === 'string' ? JSON.parse(plan) : (plan as PlanDocument);
  const fresh = {
    estimate: Math.round(document[0].Plan['Plan Rows']),
    countedPastLimit: false,
    countedMany: false,
    until: now + knownMatchesReuseMs,
  };
  kept.delete(key);
  // A Map iterates in insertion order: past the bound, what was stored longest ago goes.
  if (kept.size >= knownMatchesKept) kept.delete(kept.keys().next().value as string);
  kept.set(key, fresh);
  return fresh;
}

/** The matches counted, stopping after one more than `limit`. */
async function cappedCount(db: Queryable, where: SQL | undefined, limit: number): Promise<number> {
  const matches = db
    .select({ one: sql`1` })
    .from(customers)
    .where(where)
    .limit(limit + 1)
    .as('matches');
  const [capped] = await db.select({ total: count() }).from(matches);
  return capped?.total ?? 0;
}

/**
 * At most this many estimated matches are likely few (trigram estimates were mostly within 2 × of
 * the real count): their page is read as for few matches beside the count.
 */
const likelyFew = fewMatchesLimit * 2;

/**
 * The number of customers matching `where`, for the list's `total`, exact up to `exactTotalLimit`,
 * with the page's rows that `readPage` reads, told whether the matches are few (at most
 * `fewMatchesLimit`). Counting a million rows for every page would cost more than the page itself.
 * So: the planner's estimate (from the statistics ANALYZE keeps) first; when it is large, that is
 * the total, flagged so a client can show "about N". Otherwise a count that stops after
 * `exactTotalLimit + 1` matches, with the page read beside it where its kind is known or likely:
 * for many when a count of the same filter found many within seconds (the next page, another
 * sort), for few when the estimate says few. On a server the two take two connections at once, so
 * the request waits for the slower of them rather than for both. Rows read for many are the page
 * whatever the count; rows read for few hold every match only when the matches are few, so should
 * the count find more, the page is read again for many. Otherwise the count comes first: a page
 * read for many when the matches are few walks a sort index past most customers to find them (the
 * prefix "zw", estimated at 2,141 where 252 match: 3.1 s on a million customers). A count that
 * found more than `exactTotalLimit` is not run again for the same filter within seconds
 * (`knownMatchesReuseMs`): its total is an estimate either way, and for a while it stays "more than
 * the limit" though customers come and go.
 */
export async function customerTotalWithPage<Rows>(
  db: Queryable,
  where: SQL | undefined,
  readPage: (fewMatches: boolean) => PromiseLike<Rows>,
) {
  const matches = await knownMatches(db, where);
  const { estimate } = matches;
  if (estimate > exactTotalLimit * surelyManyFactor)
    return { total: estimate, totalIsEstimate: true, rows: await readPage(false) };
  const pastLimit = Math.max(estimate, exactTotalLimit + 1);
  if (matches.countedPastLimit)
    return { total: pastLimit, totalIsEstimate: true, rows: await readPage(false) };
  // Beside the count: for many when a count of this filter just found many, for few when the
  // estimate says few; otherwise after the count.
  const readBeside = matches.countedMany ? 'many' : estimate <= likelyFew ? 'few' : null;
  // The page first: a request it refuses (a cursor not of this list) then starts no count.
  const [besideRows, counted] =
    readBeside === null
      ? [null, await cappedCount(db, where, exactTotalLimit)]
      : await Promise.all([readPage(readBeside === 'few'), cappedCount(db, where, exactTotalLimit)]);
  const fewMatches = counted <= fewMatchesLimit;
  matches.countedMany = !fewMatches;
  // Rows read for many are the page whatever the count; rows read for few only if the matches are.
  const rows =
    besideRows !== null && (readBeside === 'many' || fewMatches) ? besideRows : await readPage(fewMatches);
  if (counted <= exactTotalLimit) return { total: counted, totalIsEstimate: false, rows };
  matches.countedPastLimit = true;
  return { total: pastLimit, totalIsEstimate: true, rows };
}
