import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from '../../test/helpers/global-setup.js';

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A database of the run's own on the PostgreSQL server DATABASE_URL names, dropped afterwards:
 * thousands of websites left in a shared database would all be applied to the next run's nginx.
 */
export async function ownDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `keel_bench_bulk_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  return {
    url: withDatabase(serverUrl, name),
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}
