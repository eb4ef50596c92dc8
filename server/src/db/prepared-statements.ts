import { type Placeholder, sql } from 'drizzle-orm';

/**
 * Prepared statements made on first use, one per shape of a query (its text with every value a
 * placeholder) and database handle: built and rendered once by Drizzle, and on a PostgreSQL
 * server named, so that each connection plans the shape once and then only binds its values.
 *
 * A server keeps every statement a connection prepared until the connection closes, so at most
 * `kept` shapes are prepared; past them `statementOf` answers null and the query runs as usual.
 */
export function preparedStatements<Statement>(prefix: string, kept: number) {
  const shapesOf = perDatabase(() => new Map<string, Statement>());
  // Handles may share a pool (the benchmark records a handle's queries over Keel's own), and a
  // connection refuses a name given to two texts: a name is never reused, whatever the handle.
  let named = 0;
  return function statementOf(
    db: object,
    shape: string,
    prepare: (name: string) => Statement,
  ): Statement | null {
    const shapes = shapesOf(db);
    const known = shapes.get(shape);
    if (known) return known;
    if (shapes.size >= kept) return null;
    const statement = prepare(`${prefix}_${named++}`);
    shapes.set(shape, statement);
    return statement;
  };
}

/** One value per database handle, such as its prepared statements, made on the handle's first use. */
export function perDatabase<Handle extends object, Value>(make: (db: Handle) => Value) {
  const made = new WeakMap<Handle, Value>();
  return (db: Handle) => {
    let value = made.get(db);
    if (value === undefined) {
      value = make(db);
      made.set(db, value);
    }
    return value;
  };
}

/**
 * A LIMIT written into a prepared statement's text. Given as a parameter, PostgreSQL's plan for
 * all values cannot count on it (it plans for a tenth of the table), finds that plan dearer than
 * one made for the values, and so plans anew at every call. Drizzle writes SQL given in place of
 * a placeholder as it is.
 */
export const literalLimit = (rows: number) => sql.raw(String(Math.trunc(rows))) as unknown as Placeholder;
