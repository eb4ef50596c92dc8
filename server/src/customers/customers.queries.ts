import { and, eq, ne, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { customerScope } from '../access/scope.js';
import {
  afterCursorBound,
  cursorKeyColumn,
  finishPage,
  type ListOrder,
  listOrder,
  orderByKeys,
  pageWindow,
  type SortKey,
} from '../contract/list-cursor.js';
import { iso, isoOrNull } from '../contract/schemas.js';
import type { Queryable } from '../db/database.js';
import { likePattern, prefixPattern } from '../db/like-pattern.js';
import { literalLimit, preparedStatements } from '../db/prepared-statements.js';
import { type CustomerCounter, customerCounters, customers, folded } from '../db/schema/customers.js';
import { servers } from '../db/schema/servers.js';
import { notFound } from '../errors/problem.js';
import { type MoveRow, presentMove } from '../moves/present-move.js';
import { customerPermissionsOf } from './customer-policy.js';
import { customerTotalWithPage, fewMatchesLimit } from './customer-total.js';
import type { Customer, CustomerSortField, ListCustomersQuery } from './customers.schemas.js';

const counterColumns = Object.fromEntries(
  customerCounters.map((counter) => [counter, customers[counter]]),
) as {
  [Counter in CustomerCounter]: (typeof customers)[Counter];
};

/** The customer's latest move (moves/), with its servers' names; one row by the index on it. */
const latestMove = sql<MoveRow | null>`(select json_build_object('state', m.state, 'step', m.step,
    'error', m.error, 'fromId', m.from_server_id, 'fromName', f.name, 'toId', m.to_server_id,
    'toName', t.name, 'startedAt', m.created_at, 'finishedAt', m.finished_at)
  from customer_moves m join servers f on f.id = m.from_server_id join servers t on t.id = m.to_server_id
  where m.customer_id = ${customers.id} order by m.created_at desc limit 1)`;

const viewColumns = {
  id: customers.id,
  firstName: customers.firstName,
  lastName: customers.lastName,
  company: customers.company,
  email: customers.email,
  status: customers.status,
  resellerId: customers.resellerId,
  resellerName: customers.resellerName,
  packageId: customers.packageId,
  packageName: customers.packageName,
  serverId: customers.serverId,
  serverName: servers.name,
  ...counterColumns,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
  suspendedAt: customers.suspendedAt,
  suspendReason: customers.suspendReason,
  deletedAt: customers.deletedAt,
  purgeAfter: customers.purgeAfter,
  purgeStartedAt: customers.purgeStartedAt,
  version: customers.version,
  move: latestMove,
};

/**
 * Customers with their reseller's and package's names: the copies on the customer row, which
 * triggers keep true (migration 0005), so no query joins three more tables for them. The server's
 * name comes from its row: a handful of servers, read by primary key.
 */
const viewQuery = (db: Queryable) =>
  db.select(viewColumns).from(customers).innerJoin(servers, eq(servers.id, customers.serverId));

type ViewRow = Awaited<ReturnType<typeof viewQuery>>[number];

function countsOf(row: ViewRow): Record<CustomerCounter, number> {
  const counts = {} as Record<CustomerCounter, number>;
  for (const counter of customerCounters) counts[counter] = row[counter];
  return counts;
}

/** A customer with what its viewer may do with it (`customerPermissionsOf` the viewer). */
function presentCustomer(row: ViewRow, permissionsOf: ReturnType<typeof customerPermissionsOf>): Customer {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    company: row.company,
    email: row.email,
    status: row.status,
    reseller: row.resellerId ? { id: row.resellerId, name: row.resellerName ?? '' } : null,
    package: row.packageId ? { id: row.packageId, name: row.packageName ?? '' } : null,
    // A running move has placed the customer on its target already, but the source serves it
    // until the move is done: that is the server it lives on.
    server:
      row.move?.state === 'running'
        ? { id: row.move.fromId, name: row.move.fromName }
        : { id: row.serverId, name: row.serverName },
    move: presentMove(row.move),
    ...countsOf(row),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    suspendedAt: isoOrNull(row.suspendedAt),
    suspendReason: row.suspendReason,
    deletedAt: isoOrNull(row.deletedAt),
    purgeAfter: isoOrNull(row.purgeAfter),
    purgeStartedAt: isoOrNull(row.purgeStartedAt),
    version: row.version,
    permissions: permissionsOf({
      status: row.status,
      purgeStartedAt: row.purgeStartedAt,
      moving: row.move?.state === 'running',
    }),
  };
}

/** The customer as the API shows it, if the actor may see it; else 404. */
export async function customerView(db: Queryable, actor: Actor, id: string): Promise<Customer> {
  const [row] = await viewQuery(db).where(and(eq(customers.id, id), customerScope(actor)));
  if (!row) throw notFound('Customer');
  return presentCustomer(row, customerPermissionsOf(actor));
}

/**
 * Up to this many letters a search has no trigram for the trigram indexes to look up, and as a
 * substring it would match most customers: it matches the start of a first name, last name,
 * company or email instead, which the prefix indexes of migration 0022 serve (the web UI says so
 * under its search box).
 */
export const shortSearchLength = 2;

/** A first name, last name, company or email starting with `text`, whatever the case and accents. */
function startsWith(text: string): SQL {
  const pattern = folded(sql`${prefixPattern(text)}`);
  const starts = (column: SQLWrapper) => sql`${folded(column)} like ${pattern}`;
  return or(
    starts(customers.firstName),
    starts(customers.lastName),
    starts(customers.company),
    starts(customers.email),
  ) as SQL;
}

/**
 * A match in the name, company or email, whatever the accents on either side: the search folded as
 * the stored search text is (customers.searchText), which the trigram index serves.
 */
function search(q: string | undefined): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  if ([...text].length <= shortSearchLength) return startsWith(text);
  return sql`${customers.searchText} like ${folded(sql`${likePattern(text)}`)}`;
}

/**
 * Sort keys per field: the same expressions as the sort indexes of migrations 0004 and 0005. The
 * reseller's and package's names are the copies on the customer row, which an index can serve.
 */
const sortKeys: Record<CustomerSortField, SortKey[]> = {
  name: [
    { expression: sql`lower(${customers.lastName})` },
    { expression: sql`lower(${customers.firstName})` },
  ],
  company: [{ expression: sql`lower(${customers.company})`, nullable: true }],
  email: [{ expression: customers.email }],
  status: [{ expression: customers.status }],
  reseller: [{ expression: sql`lower(${customers.resellerName})`, nullable: true }],
  package: [{ expression: sql`lower(${customers.packageName})`, nullable: true }],
  siteCount: [{ expression: customers.siteCount }],
  databaseCount: [{ expression: customers.databaseCount }],
  createdAt: [{ expression: customers.createdAt }],
};

/** The page's rows read straight along the sort index, from the start or after a cursor. */
const sortIndexRead = (
  db: Queryable,
  where: SQL | undefined,
  order: ListOrder,
  limit: Parameters<ReturnType<typeof viewQuery>['limit']>[0],
) =>
  db
    .select({ ...viewColumns, cursorKey: cursorKeyColumn(order) })
    .from(customers)
    .innerJoin(servers, eq(servers.id, customers.serverId))
    .where(where)
    .orderBy(...orderByKeys(order))
    .limit(limit);

/** The filters a list request asked for, other than its search: each compares a column with the request's value. */
const askedFilters = (query: ListCustomersQuery): SQL[] =>
  [
    query.status ? eq(customers.status, query.status) : undefined,
    query.resellerId ? eq(customers.resellerId, query.resellerId) : undefined,
    query.serverId ? eq(customers.serverId, query.serverId) : undefined,
  ].filter((filter) => filter !== undefined);

/** The filters of a list request other than its search; soft-deleted customers only when asked for. */
const listFilters = (query: ListCustomersQuery) =>
  and(query.status ? undefined : ne(customers.status, 'deleted'), ...askedFilters(query));

/**
 * The first page and each page after a cursor of all customers (an admin's list, unfiltered): a
 * panel's first view and a billing system's walk. Their plan does not depend on the values (the
 * sort index, read from its start or from the cursor's row on), so each sort, cursor and page size
 * is one prepared statement, which PostgreSQL plans once per connection: planning took 0.35 of
 * the 0.8 ms a page of 100 cost it (docs/performance.md). With a filter or a search the best plan
 * depends on the values (a status's own partial index, a reseller's size, a search's words), and
 * one plan for all values could read far more rows, so those are planned for each request.
 */
const pageStatementOf = preparedStatements<ReturnType<ReturnType<typeof sortIndexRead>['prepare']>>(
  'keel_customer_page',
  64,
);

/** No value of the request shapes the rows but the cursor, which the prepared statement takes as parameters. */
const unfiltered = (scope: SQL | undefined, query: ListCustomersQuery) =>
  scope === undefined && !query.q && askedFilters(query).length === 0;

function preparedSortIndexPage(db: Queryable, order: ListOrder, query: ListCustomersQuery) {
  const cursor = query.after === undefined ? null : afterCursorBound(order, query.after);
  const limit = query.perPage + 1;
  const statement = pageStatementOf(db, [order.sort, cursor?.nulls ?? 'first', limit].join('|'), (name) =>
    sortIndexRead(db, and(listFilters(query), cursor?.condition), order, literalLimit(limit)).prepare(name),
  );
  return statement?.execute(cursor?.values) ?? null;
}

/**
 * The rows of one page. When the matches are few (counted), they are collected first and sorted.
 * Otherwise an admin's unfiltered first page, and its pages after a cursor, are read straight along
 * the sort index. Any other page picks its ids first, from the sort index alone where it can (the
 * sort indexes carry the status filter's column, migration 0022), and reads only those rows: a
 * deep page never fetches the rows it skips, and a search whose matches the planner collects and
 * sorts (more of them than it estimated) sorts their ids and keys, not whole rows ("byrne" newest
 * first, 3,996 matches: 14.5 → 8.7 ms in PostgreSQL).
 */
function pageRows(
  db: Queryable,
  scope: SQL | undefined,
  where: SQL | undefined,
  order: ListOrder,
  query: ListCustomersQuery,
  fewMatches: boolean,
) {
  const alongSortIndex = !fewMatches && (query.after !== undefined || query.page === 1);
  if (alongSortIndex && unfiltered(scope, query)) {
    const rows = preparedSortIndexPage(db, order, query);
    if (rows) return rows;
  }
  const window = pageWindow(order, query);
  const columns = { ...viewColumns, cursorKey: cursorKeyColumn(order) };
  const orderBy = orderByKeys(order);
  if (fewMatches) {
    // At most fewMatchesLimit matches, counted: their ids are collected first by whichever index
    // finds them (an array subquery is computed on its own), then only those rows are sorted.
    // Left to itself the planner may walk a sort index for them when it overestimates them (a
    // rare prefix such as "zw": 1,627 estimated, about 200 real), reading most of the table.
    const matchIds = db
      .select({ id: customers.id })
      .from(customers)
      .where(where)
      .limit(fewMatchesLimit + 1);
    return db
      .select(columns)
      .from(customers)
      .innerJoin(servers, eq(servers.id, customers.serverId))
      .where(and(sql`${customers.id} = any(array(${matchIds}))`, window.after))
      .orderBy(...orderBy)
      .limit(window.limit)
      .offset(window.offset);
  }
  const pageIds = db
    .select({ id: customers.id })
    .from(customers)
    .where(and(where, window.after))
    .orderBy(...orderBy)
    .limit(window.limit)
    .offset(window.offset)
    .as('page_ids');
  return db
    .select(columns)
    .from(customers)
    .innerJoin(servers, eq(servers.id, customers.serverId))
    .innerJoin(pageIds, eq(pageIds.id, customers.id))
    .orderBy(...orderBy);
}

/**
 * One page of the customers the actor may see, by number or after a cursor. Soft-deleted
 * customers show only under `status=deleted`.
 */
export async function listCustomers(db: Queryable, actor: Actor, query: ListCustomersQuery) {
  const scope = customerScope(actor);
  const where = and(scope, listFilters(query), search(query.q));
  // The id breaks ties, so paging never repeats or skips a row.
  const order = listOrder(query.sort, 'name', sortKeys, customers.id);
  const { rows, ...total } = await customerTotalWithPage(db, where, (fewMatches) =>
    pageRows(db, scope, where, order, query, fewMatches),
  );
  const page = finishPage(order, rows, query);
  const permissionsOf = customerPermissionsOf(actor);
  return { items: page.rows.map((row) => presentCustomer(row, permissionsOf)), ...total, ...page.paging };
}
