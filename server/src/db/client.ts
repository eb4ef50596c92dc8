import { mkdir } from 'node:fs/promises';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Database } from './database.js';
import { lockEmbeddedDatabase } from './embedded-database-lock.js';
import * as schema from './schema/index.js';

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** The raw PGlite instance (embedded mode only), for LISTEN-free wake-ups and cloning in tests. */
  pglite: PGlite | null;
  /** The pg pool (server mode only), for LISTEN/NOTIFY. */
  pool: pg.Pool | null;
  close(): Promise<void>;
}

export const pgliteExtensions = { btree_gin, pg_trgm, unaccent };

export function wrapPglite(client: PGlite): DatabaseHandle {
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, kind: 'pglite', pglite: client, pool: null, close: () => client.close() };
}

/**
 * The embedded database runs inside Keel's process, so its buffer pool is Keel's memory, and
 * PostgreSQL touches all of it as it starts: with PGlite's 128 MB Keel held about 395 MB before its
 * first request. Pages beyond 8 MB come from the operating system's file cache instead; at 100,000
 * customers every shape of the list stayed within its target, and Keel held 148 MiB at rest
 * instead of 158 with 16 MB (docs/performance.md).
 *
 * Its WebAssembly memory grows to the most any statement needed and never shrinks, so the working
 * memory a statement may take bounds Keel's memory for the rest of its life: a sort or hash gets
 * 2 MB (the list's sorts keep one page of rows), an index build of a migration 16 MB instead of 64,
 * temporary tables (Keel has none) 1 MB.
 *
 * PGlite is one backend in single-user mode, yet PostgreSQL sizes its shared memory (process
 * slots, lock table) for 100 connections, 16 autovacuum workers and 10 WAL senders: slots for one
 * backend take it from 24 MB to 20 MB, about 5 MiB less RSS at 100,000 customers.
 */
const pgliteStartParams = [
  ...PGlite.defaultStartParams,
  ...[
    'shared_buffers=8MB',
    'work_mem=2MB',
    'maintenance_work_mem=16MB',
    'temp_buffers=1MB',
    'max_connections=1',
    'autovacuum_worker_slots=1',
    'max_wal_senders=0',
    'max_replication_slots=0',
  ].flatMap((setting) => ['-c', setting]),
];

/**
 * PGlite is PostgreSQL compiled to WebAssembly, and V8 compiles it twice: all of it with its
 * baseline compiler, then its hot functions again with the optimizing one, keeping both codes and
 * that compiler's working memory. Baseline code alone keeps Keel about 60 MB smaller, for
 * CPU-heavy queries about 1.6 times slower (page 1,000 of 100,000 customers: 8 ms instead of 5),
 * well within what the embedded database is for (docs/performance.md). The flags only concern
 * WebAssembly compiled after they are set, and nothing else in Keel is WebAssembly.
 *
 * Set while V8 runs, `--liftoff-only` does not bring the flags it implies on the command line:
 * Node 20's V8 never tiers up under it, but Node 24's still did, its optimizing compiler taking
 * up to 580 MB of working memory on PostgreSQL's largest functions (a 684 MiB peak at start,
 * 232 MiB after load at 100,000 customers; 198 and 194 MiB with tier-up off as well).
 */
const compileWithBaselineOnly = () => {
  for (const flag of ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'])
    v8.setFlagsFromString(flag);
};

/** The embedded database in `dataDir` (in memory without one), held by this process until closed. */
export async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const lock = dataDir ? await lockEmbeddedDatabase(dataDir) : null;
  try {
    compileWithBaselineOnly();
    const client = await PGlite.create({
      dataDir,
      extensions: pgliteExtensions,
      startParams: pgliteStartParams,
    });
    const handle = wrapPglite(client);
    return { ...handle, close: () => handle.close().finally(() => lock?.release()) };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

export function openPostgres(url: string, max = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max });
  // The server may close an idle connection (a restart, pg_terminate_backend). The pool drops it
  // and reports it here; unheard, that report would end Keel. The next query opens a new one.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`));
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  return { db, kind: 'postgres', pglite: null, pool, close: () => pool.end() };
}

/** PostgreSQL server when a URL is configured, otherwise embedded PGlite in the data directory. */
export async function openDatabase(options: { databaseUrl: string | null; dataDir: string }) {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(`${options.dataDir}/pglite`);
}
