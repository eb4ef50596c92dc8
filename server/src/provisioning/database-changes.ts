import type { BackgroundWorker, WorkerDeps } from '../background-worker.js';
import { listenOnPostgres } from './listen.js';

/**
 * On PostgreSQL several panel processes may share the database behind a load balancer: a change
 * any of them commits reaches each as `resourcesChanged` with its position, which wakes its
 * reconciler, its cron watcher and the agents' long polls it holds, at once rather than at their
 * next sweep or poll timeout. PGlite is one process: its use cases' own signal is all there is.
 */
export function databaseChanges({ handle, signals, log }: WorkerDeps): BackgroundWorker {
  let unlisten: (() => Promise<void>) | undefined;
  return {
    async start() {
      if (!handle.pool) return;
      unlisten = await listenOnPostgres(handle.pool, { log })((position) =>
        signals.emit('resourcesChanged', ...(position === null ? [] : [position])),
      );
    },
    async stop() {
      await unlisten?.();
    },
  };
}
