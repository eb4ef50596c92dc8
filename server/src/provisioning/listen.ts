import type pg from 'pg';
import { resourcesChannel } from './resource-changes.js';

/**
 * Wakes this process's reconciler when another Keel process on the same PostgreSQL changes
 * resources (their transactions NOTIFY at commit). Holds one pool connection while running.
 */
export function listenOnPostgres(pool: pg.Pool) {
  return async (wake: () => void) => {
    const client = await pool.connect();
    client.on('notification', wake);
    await client.query(`LISTEN ${resourcesChannel}`);
    return async () => {
      client.off('notification', wake);
      await client.query(`UNLISTEN ${resourcesChannel}`).catch(() => undefined);
      client.release();
    };
  };
}
