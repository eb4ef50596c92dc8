import type pg from 'pg';
import { resourcesChannel } from '../hosting/resource-changes.js';

export interface ListenOptions {
  /** The first wait before listening again on a new connection; it doubles up to 30 s. */
  retryMs?: number;
  log?: { warn(message: string): void };
}

const longestRetryMs = 30_000;

/**
 * Wakes this process's reconciler when another Keel process on the same PostgreSQL changes
 * resources (their transactions NOTIFY at commit). Holds one pool connection while running.
 * When the server drops it (a restart, an operator's pg_terminate_backend) it listens again on a
 * new one, and then wakes the reconciler once, since what was notified in between is lost; until
 * then the reconciler's periodic sweep finds those changes.
 */
export function listenOnPostgres(pool: pg.Pool, options: ListenOptions = {}) {
  const firstRetryMs = options.retryMs ?? 1_000;
  return async (wake: () => void) => {
    let client: pg.PoolClient | undefined;
    let retry: NodeJS.Timeout | undefined;
    let retryMs = firstRetryMs;
    let stopped = false;

    const listen = async () => {
      const next = await pool.connect();
      next.on('error', onError);
      next.on('notification', wake);
      try {
        await next.query(`LISTEN ${resourcesChannel}`);
      } catch (error) {
        next.release(error as Error);
        throw error;
      }
      client = next;
    };

    const listenAgain = () => {
      retry = setTimeout(async () => {
        try {
          await listen();
          retryMs = firstRetryMs;
          if (stopped) await unlisten();
          else wake();
        } catch (error) {
          options.log?.warn(`LISTEN ${resourcesChannel} failed again: ${(error as Error).message}`);
          retryMs = Math.min(retryMs * 2, longestRetryMs);
          if (!stopped) listenAgain();
        }
      }, retryMs);
      retry.unref();
    };

    function onError(this: pg.PoolClient, error: Error) {
      lost(this, error);
    }

    // The handler stays on a lost connection: a closing connection may report more errors, and
    // one with no listener would end the process.
    const lost = (connection: pg.PoolClient, error: Error) => {
      connection.off('notification', wake);
      if (client !== connection) return;
      client = undefined;
      // Releasing with the error makes the pool discard the connection instead of reusing it.
      connection.release(error);
      if (stopped) return;
      options.log?.warn(`The LISTEN connection to PostgreSQL was lost (${error.message}); listening again`);
      listenAgain();
    };

    const unlisten = async () => {
      const connection = client;
      client = undefined;
      if (!connection) return;
      connection.off('notification', wake);
      const failed = await connection.query(`UNLISTEN ${resourcesChannel}`).then(
        () => undefined,
        (error: Error) => error,
      );
      connection.release(failed);
      // Back in the pool, the pool watches the connection's errors itself.
      if (!failed) connection.off('error', onError);
    };

    await listen();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await unlisten();
    };
  };
}
