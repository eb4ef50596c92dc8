import { rm } from 'node:fs/promises';
import pg from 'pg';
import { type DatabaseHandle, openPglite, openPostgres } from '../../server/src/db/client.js';
import { migrate } from '../../server/src/db/migrate.js';
import type { BenchOptions } from './options.js';

/** The seeded database, reachable both through Keel's own handle and as plain SQL. */
export interface BenchDatabase {
  handle: DatabaseHandle;
  /** One statement, with parameters. */
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Several statements in one round trip on one connection, without parameters. */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

function wrap(handle: DatabaseHandle): BenchDatabase {
  const { pool, pglite } = handle;
  if (pool) {
    return {
      handle,
      query: async (text, params) => (await pool.query(text, params)).rows,
      exec: async (text) => {
        await pool.query(text);
      },
      close: () => handle.close(),
    };
  }
  if (!pglite) throw new Error('A database handle has either a pool or PGlite');
  return {
    handle,
    query: async <Row>(text: string, params?: unknown[]) => (await pglite.query<Row>(text, params)).rows,
    exec: async (text) => {
      await pglite.exec(text);
    },
    close: () => handle.close(),
  };
}

/** Runs `statement` on the named database from the server's maintenance database `postgres`. */
async function onMaintenanceDatabase(url: string, statement: (quotedName: string) => string[]) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.href });
  await client.connect();
  try {
    for (const text of statement(client.escapeIdentifier(name))) await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * The benchmark's own PostgreSQL database (keel_bench or --database, unless DATABASE_URL names
 * another) is dropped and created afresh for a new seed; a database someone else named is only
 * ever seeded when empty.
 */
const recreateOwnDatabase = (url: string) =>
  onMaintenanceDatabase(url, (name) => [
    `drop database if exists ${name} with (force)`,
    `create database ${name}`,
  ]);

/** With --drop, the benchmark's own database goes once measured: nothing of a million rows stays behind. */
export async function dropOwnDatabase(options: BenchOptions) {
  if (options.engine !== 'postgres' || !options.drop) return;
  await onMaintenanceDatabase(options.databaseUrl, (name) => [
    `drop database if exists ${name} with (force)`,
  ]);
  console.log(`Dropped ${new URL(options.databaseUrl).pathname.slice(1)}.`);
}

/** Opens (and for a fresh seed, first empties) the database the run measures, migrated to the latest schema. */
export async function openBenchDatabase(options: BenchOptions): Promise<BenchDatabase> {
  let handle: DatabaseHandle;
  if (options.engine === 'pglite') {
    if (!options.reuse) await rm(options.dataDir, { recursive: true, force: true });
    handle = await openPglite(`${options.dataDir}/pglite`);
  } else {
    if (!options.reuse && options.ownsDatabase) await recreateOwnDatabase(options.databaseUrl);
    handle = openPostgres(options.databaseUrl, 4);
  }
  await migrate(handle);
  return wrap(handle);
}

export async function serverVersion(database: BenchDatabase): Promise<string> {
  const [row] = await database.query<{ version: string }>('select version() as version');
  return row?.version ?? 'unknown';
}
