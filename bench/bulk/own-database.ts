import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from '../../test/helpers/global-setup.js';

async function onServer(serverUrl: string, statement: string): Promise<pg.QueryResult> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A database of the run's own (keel_bench_<benchmark>_<random>) on the PostgreSQL server
 * `serverUrl` names, dropped afterwards: thousands of websites left in a shared database would all
 * be applied to the next run's nginx.
 */
export async function ownDatabase(
  serverUrl: string,
  benchmark: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `keel_bench_${benchmark}_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      await onServer(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** The server's version string, for the figures' environment. */
export async function postgresVersion(serverUrl: string): Promise<string> {
  const { rows } = await onServer(serverUrl, 'select version() as version');
  return String(rows[0]?.version ?? 'unknown');
}
