import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import {
  type DatabaseHandle,
  openPostgres,
  pgliteExtensions,
  wrapPglite,
} from '../../server/src/db/client.js';
import { withDatabase } from './global-setup.js';

/** Runs one statement on the PostgreSQL server itself (creating or dropping a database). */
async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A database of this test file's own on the PostgreSQL server, at `url`, dropped when closed. */
async function serverDatabase(
  serverUrl: string,
  template: string | null,
): Promise<DatabaseHandle & { url: string }> {
  const name = `keel_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  const url = withDatabase(serverUrl, name);
  const handle = openPostgres(url, 5);
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      await onServer(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * A migrated database of this test file's own: a copy of the run's template, on PostgreSQL when
 * TEST_DATABASE_URL is set (at `url`, which another pool may open too), otherwise on PGlite in memory.
 */
export async function freshDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (serverUrl && template) return serverDatabase(serverUrl, template);
  const dump = await readFile(inject('pgliteTemplate'));
  const client = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: pgliteExtensions });
  return wrapPglite(client);
}

/**
 * A migrated database of this test file's own on the PostgreSQL server, for Keel processes to
 * share (their DATABASE_URL is `url`) while the test reads it through the handle.
 */
export function sharedServerDatabase(serverUrl: string) {
  return serverDatabase(serverUrl, inject('postgresTemplate'));
}

/** An empty database of this test file's own, with no migration applied: an upgrade's starting point. */
export async function emptyDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return serverDatabase(serverUrl, null);
  return wrapPglite(await PGlite.create({ extensions: pgliteExtensions }));
}
