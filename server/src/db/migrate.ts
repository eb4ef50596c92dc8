import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { packagePath } from '../package-root.js';
import type { DatabaseHandle } from './client.js';
import type { Database } from './database.js';
import { selectRows } from './raw.js';

export const migrationsFolder = packagePath('server/src/db/migrations');

export class DatabaseNewerThanCodeError extends Error {}

async function latestKnownMigration(folder: string): Promise<number> {
  const journal = JSON.parse(await readFile(`${folder}/meta/_journal.json`, 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

async function latestAppliedMigration(db: Database): Promise<number | null> {
  const [table] = await selectRows<{ name: string | null }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`,
  );
  if (!table?.name) return null;
  const [row] = await selectRows<{ latest: string | null }>(
    db,
    sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`,
  );
  return row?.latest == null ? null : Number(row.latest);
}

// Any fixed number shared by every Keel instance: pg_advisory_lock's key for "migrating".
const migrationLockKey = 7_220_114;

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so panel instances starting together
 * migrate one after the other. The lock lives on a connection of its own, outside the pool the
 * migration uses. Embedded PGlite has a single user and needs none.
 */
async function underMigrationLock(handle: DatabaseHandle, work: () => Promise<void>): Promise<void> {
  if (!handle.pool) return work();
  const client = new pg.Client(handle.pool.options);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
    await work();
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations in one transaction. Refuses a database that already holds a
 * migration this code does not know: running old code on it could corrupt data.
 */
export function migrate(handle: DatabaseHandle, folder = migrationsFolder): Promise<void> {
  return underMigrationLock(handle, async () => {
    const applied = await latestAppliedMigration(handle.db);
    const known = await latestKnownMigration(folder);
    if (applied !== null && applied > known) {
      throw new DatabaseNewerThanCodeError(
        'The database was migrated by a newer version of Keel than this one; upgrade Keel before starting it.',
      );
    }
    if (handle.kind === 'pglite') {
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    } else {
      await migratePg(handle.db as unknown as NodePgDatabase, { migrationsFolder: folder });
    }
  });
}

/**
 * Whether the database holds every migration this code knows: what a readiness probe asks, so a
 * load balancer sends no request to a panel whose schema is behind (or ahead of) its code.
 */
export async function migrationsCurrent(db: Database, folder = migrationsFolder): Promise<boolean> {
  const applied = await latestAppliedMigration(db);
  return applied !== null && applied === (await latestKnownMigration(folder));
}
