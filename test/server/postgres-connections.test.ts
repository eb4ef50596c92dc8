import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/src/db/client.js';
import { resourcesChannel } from '../../server/src/hosting/resource-changes.js';
import { listenOnPostgres } from '../../server/src/provisioning/listen.js';
import { freshDatabase } from '../helpers/database.js';

/** Polls until `check` holds, as a PostgreSQL restart or an operator's kill takes a moment. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// What an operator's pg_terminate_backend, or a server restart, does to Keel's connections.
describe.runIf(process.env.TEST_DATABASE_URL)('connections the PostgreSQL server closes', () => {
  let handle: DatabaseHandle;
  let admin: pg.Client;
  let database: string;

  beforeEach(async () => {
    handle = await freshDatabase();
    const pool = handle.pool as pg.Pool;
    database = (await pool.query<{ name: string }>('select current_database() as name')).rows[0]?.name ?? '';
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
  });

  afterEach(async () => {
    await admin.end();
    await handle.close();
  });

  const backends = async (query: string) =>
    (
      await admin.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1 and query = $2 and pid <> pg_backend_pid()',
        [database, query],
      )
    ).rows.map((row) => row.pid);

  const terminate = (pids: number[]) =>
    admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) pid', [pids]);

  it('drops an idle connection the server closed, and the next query opens a new one', async () => {
    const pool = handle.pool as pg.Pool;
    await Promise.all([pool.query('select pg_sleep(0.05)'), pool.query('select pg_sleep(0.05)')]);
    expect(pool.idleCount).toBe(2);
    await terminate(await backends('select pg_sleep(0.05)'));
    await eventually(async () => pool.totalCount === 0);
    const { rows } = await pool.query<{ answer: number }>('select 42 as answer');
    expect(rows[0]?.answer).toBe(42);
  });

  it('listens again on a new connection when the server closes the listening one, announcing itself each time', async () => {
    const listening = `LISTEN ${resourcesChannel}`;
    const heard: (number | null)[] = [];
    const unlisten = await listenOnPostgres(handle.pool as pg.Pool, { retryMs: 20 })((position) => {
      heard.push(position);
    });
    try {
      // Starting to listen notifies every listener once, itself too: all hold the same position.
      await eventually(async () => heard.length === 1);
      expect(heard[0]).toEqual(expect.any(Number));
      const [first] = await backends(listening);
      expect(first).toBeDefined();
      await terminate([first as number]);
      // Listening again does the same, for whatever was notified while nobody listened.
      await eventually(async () => heard.length === 2);
      const [second] = await backends(listening);
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
      await (handle.pool as pg.Pool).query(`select pg_notify('${resourcesChannel}', '42')`);
      // An older Keel's notification carries no position, and still counts as a change.
      await (handle.pool as pg.Pool).query(`select pg_notify('${resourcesChannel}', '')`);
      await eventually(async () => heard.length === 4);
      expect(heard.slice(2)).toEqual([42, null]);
    } finally {
      await unlisten();
    }
    expect(await backends(listening)).toEqual([]);
  });
});
