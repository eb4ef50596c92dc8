import {
  and,
  asc,
  desc,
  isNotNull,
  isNull,
  or,
  type Placeholder,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import { badRequest } from '../errors/problem.js';
import { parseSort } from './schemas.js';

/** One key of a list's order. */
export interface OrderKey {
  expression: SQLWrapper;
  descending: boolean;
  /** The key may be null; PostgreSQL sorts null above every value (last ascending, first descending). */
  nullable?: boolean;
}

/**
 * The order of one list request: the `sort` it came from and its keys, the last of which is unique
 * (an id), so that every row has its own place and a cursor can name the place after it.
 */
export interface ListOrder {
  sort: string;
  keys: OrderKey[];
}

/** A key of the sort a field names, whichever the direction. */
export type SortKey = Omit<OrderKey, 'descending'>;

/**
 * The order a `sort` parameter asks for (or `fallback`, itself a sort parameter such as "-at"):
 * the field's keys, then `id` to break ties, all in the asked direction.
 */
export function listOrder<Field extends string>(
  sortParameter: string | undefined,
  fallback: string,
  sortKeys: Record<Field, SortKey[]>,
  id: SQLWrapper,
): ListOrder {
  const { field, descending } = parseSort<Field>(sortParameter, fallback as Field);
  return {
    sort: `${descending ? '-' : ''}${field}`,
    keys: [...sortKeys[field], { expression: id }].map((key) => ({ ...key, descending })),
  };
}

/** What a list request asks for: a numbered page, or the page after a cursor. */
export interface PageRequest {
  page: number;
  perPage: number;
  after?: string;
}

export const orderByKeys = (order: ListOrder): SQL[] =>
  order.keys.map((key) => (key.descending ? desc(key.expression) : asc(key.expression)));

/**
 * The row's place in the order, to select beside its columns: every key as text in a JSON array,
 * so that times keep their microseconds and big ids their digits when they come back in a cursor.
 */
export const cursorKeyColumn = (order: ListOrder) =>
  sql<string>`json_build_array(${sql.join(
    order.keys.map((key) => sql`(${key.expression})::text`),
    sql`, `,
  )})::text`;

type KeyValue = string | null;

/** A key's value as a condition takes it: the value, or the placeholder of a prepared statement. */
type KeyBound = string | Placeholder | null;

const invalidCursor = (why: string) =>
  badRequest(`after: not a cursor of this list (${why}); start again without it.`, [
    { field: 'after', message: why },
  ]);

function decodeCursor(order: ListOrder, cursor: string): KeyValue[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('it does not decode');
  }
  const { sort, key } = (decoded ?? {}) as { sort?: unknown; key?: unknown };
  if (typeof sort !== 'string' || !Array.isArray(key)) throw invalidCursor('it does not decode');
  if (sort !== order.sort) throw invalidCursor(`it was made for sort "${sort}", not "${order.sort}"`);
  if (key.length !== order.keys.length || !key.every((value) => value === null || typeof value === 'string'))
    throw invalidCursor('it does not fit this order');
  return key as KeyValue[];
}

const encodeCursor = (order: ListOrder, rowKey: string) =>
  Buffer.from(JSON.stringify({ sort: order.sort, key: JSON.parse(rowKey) }), 'utf8').toString('base64url');

/** Rows whose key comes after `value` in the key's own direction, nulls included where they sort. */
function beyond(key: OrderKey, value: KeyBound): SQL {
  if (key.descending) {
    if (value === null) return isNotNull(key.expression);
    return sql`${key.expression} < ${value}`;
  }
  if (value === null) return sql`false`;
  const greater = sql`${key.expression} > ${value}`;
  return key.nullable ? (or(greater, isNull(key.expression)) as SQL) : greater;
}

const same = (key: OrderKey, value: KeyBound): SQL =>
  value === null ? isNull(key.expression) : sql`${key.expression} = ${value}`;

/**
 * Rows after the cursor's row. Keys all in one direction and without nulls compare as one row
 * value, which an index on the keys serves as a range; otherwise key by key.
 */
function afterKey(keys: OrderKey[], values: KeyBound[]): SQL {
  const [first] = keys;
  const oneRow =
    first !== undefined &&
    keys.every((key) => key.descending === first.descending && !key.nullable) &&
    values.every((value) => value !== null);
  if (oneRow) {
    const row = (parts: SQLWrapper[]) => sql`(${sql.join(parts, sql`, `)})`;
    const columns = row(keys.map((key) => key.expression));
    const bound = row(values.map((value) => sql`${value}`));
    return first.descending ? sql`${columns} < ${bound}` : sql`${columns} > ${bound}`;
  }
  const nested = (index: number): SQL => {
    const key = keys[index] as OrderKey;
    const value = values[index] as KeyBound;
    if (index === keys.length - 1) return beyond(key, value);
    return or(beyond(key, value), and(same(key, value), nested(index + 1))) as SQL;
  };
  return nested(0);
}

/**
 * Where and how far the page's rows are read: after the cursor, or past the numbered page's
 * offset. One row more than the page is read to know whether another page follows.
 */
export function pageWindow(order: ListOrder, request: PageRequest) {
  if (request.after === undefined)
    return { after: undefined, offset: (request.page - 1) * request.perPage, limit: request.perPage + 1 };
  return {
    after: afterKey(order.keys, decodeCursor(order, request.after)),
    offset: 0,
    limit: request.perPage + 1,
  };
}

/**
 * The page after a cursor as a prepared statement reads it: the condition with a placeholder
 * `after0`, `after1`… for each key whose value is not null, and the values to fill them. The keys
 * that are null shape the condition itself, and so the statement (`nulls`: one flag per key).
 */
export function afterCursorBound(order: ListOrder, cursor: string) {
  const values = decodeCursor(order, cursor);
  const bound = values.map((value, index) => (value === null ? null : sql.placeholder(`after${index}`)));
  const filled: Record<string, string> = {};
  values.forEach((value, index) => {
    if (value !== null) filled[`after${index}`] = value;
  });
  return {
    condition: afterKey(order.keys, bound),
    values: filled,
    nulls: values.map((value) => (value === null ? 'n' : 'v')).join(''),
  };
}

/** The page's rows and the cursor of the page after them (null on the last page). */
export function finishPage<Row extends { cursorKey: string }>(
  order: ListOrder,
  rows: Row[],
  request: PageRequest,
) {
  const shown = rows.slice(0, request.perPage);
  const last = shown.at(-1);
  const nextCursor = rows.length > request.perPage && last ? encodeCursor(order, last.cursorKey) : null;
  return {
    rows: shown,
    paging: { page: request.after === undefined ? request.page : null, perPage: request.perPage, nextCursor },
  };
}
