import type { BackgroundWorker, WorkerDeps } from '../background-worker.js';
import { newChangePosition } from '../hosting/resource-changes.js';
import { type ListenOptions, listenOnPostgres } from './listen.js';

/**
 * On PostgreSQL several panel processes may share the database behind a load balancer: a change
 * any of them commits reaches each as `resourcesChanged` with its position, which wakes its
 * reconciler, its cron watcher and the agents' long polls it holds, at once rather than at their
 * next sweep or poll timeout. PGlite is one process: its use cases' own signal is all there is.
 * An older Keel's notification (during a rolling upgrade) carries no position: this panel gives
 * it one of its own, so the agents' polls it holds wake too. Other panels give it other ones, and
 * an agent whose next poll reaches one of them is answered at once, one round more than needed.
 */
export function databaseChanges({
  handle,
  signals,
  log,
}: Pick<WorkerDeps, 'handle' | 'signals'> & { log: ListenOptions['log'] }): BackgroundWorker {
  let unlisten: (() => Promise<void>) | undefined;
  return {
    async start() {
      if (!handle.pool) return;
      unlisten = await listenOnPostgres(handle.pool, { log })((position) =>
        signals.emit('resourcesChanged', position ?? newChangePosition()),
      );
    },
    async stop() {
      await unlisten?.();
    },
  };
}
