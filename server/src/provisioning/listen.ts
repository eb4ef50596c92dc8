import type pg from 'pg';
import { newChangePosition, resourcesChannel } from '../hosting/resource-changes.js';

export interface ListenOptions {
  /** The first wait before listening again on a new connection; it doubles up to 30 s. */
  retryMs?: number;
  log?: { warn(message: string): void };
}

const longestRetryMs = 30_000;

/** A notification's position, or null for one without (an older Keel's, during an upgrade). */
const positionOf = (payload: string | undefined) =>
  payload && /^\d{1,15}$/.test(payload) ? Number(payload) : null;

/**
 * Hears the changes every Keel process on the same PostgreSQL commits (their transactions NOTIFY
 * at commit), in the order they committed. Holds one pool connection while running. Each time it
 * starts listening it notifies once itself: every listener, this one included, then holds the same
 * latest position, and whatever was notified while this one did not listen is looked at again.
 * When the server drops the connection (a restart, an operator's pg_terminate_backend) it listens
 * again on a new one; until then the reconciler's periodic sweep finds the changes.
 */
export function listenOnPostgres(pool: pg.Pool, options: ListenOptions = {}) {
  const firstRetryMs = options.retryMs ?? 1_000;
  return async (changed: (position: number | null) => void) => {
    let client: pg.PoolClient | undefined;
    let retry: NodeJS.Timeout | undefined;
    let retryMs = firstRetryMs;
    let stopped = false;
    const onNotification = (message: pg.Notification) => changed(positionOf(message.payload));

    const listen = async () => {
      const next = await pool.connect();
      next.on('error', onError);
      next.on('notification', onNotification);
      try {
        await next.query(`LISTEN ${resourcesChannel}`);
        await pool.query('select pg_notify($1, $2)', [resourcesChannel, String(newChangePosition())]);
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
      connection.off('notification', onNotification);
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
      connection.off('notification', onNotification);
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
