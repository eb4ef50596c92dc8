import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { withDatabase } from './global-setup.js';

export interface ScratchInstall {
  /** The environment a fresh Keel installation runs with: its own data directory, and its own
   * empty PostgreSQL database when TEST_DATABASE_URL is set. */
  env: Record<string, string>;
  remove(): Promise<void>;
}

/** An empty installation, as on a fresh machine: nothing migrated, no admin yet. */
export async function scratchInstall(): Promise<ScratchInstall> {
  const dataDir = await mkdtemp(join(tmpdir(), 'keel-install-'));
  const env: Record<string, string> = {
    KEEL_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
  };
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: string | null = null;
  if (serverUrl) {
    database = `keel_install_${randomBytes(6).toString('hex')}`;
    await onServer(serverUrl, `create database ${database}`);
    env.DATABASE_URL = withDatabase(serverUrl, database);
  }
  return {
    env,
    async remove() {
      await rm(dataDir, { recursive: true, force: true });
      if (serverUrl && database)
        await onServer(serverUrl, `drop database if exists ${database} with (force)`);
    },
  };
}

async function onServer(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
