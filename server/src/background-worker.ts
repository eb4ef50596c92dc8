import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Signals } from './context.js';
import type { DatabaseHandle } from './db/client.js';

/** Something the server runs beside HTTP: the purge scheduler, the reconciler. */
export interface BackgroundWorker {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What a worker is started with. */
export interface WorkerDeps {
  config: Config;
  handle: DatabaseHandle;
  signals: Signals;
  log: FastifyBaseLogger;
  /** The panel's key (secrets/panel-key.ts), loaded once at start. */
  panelKey: Buffer;
}

/**
 * How a worker is woken: `work` runs at once, or, when a run is in progress, once more after it,
 * however many wake-ups came meanwhile (a change made while it ran is not missed, and a burst of
 * signals costs one run). The promise settles when the run, and any it coalesced, are done.
 * After `stopped()` turns true no new run starts. `work` must not throw: it logs its own failures.
 */
export function coalescedWake(work: () => Promise<void>, stopped: () => boolean): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return function wake() {
    if (stopped()) return running ?? Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await work();
      } while (again && !stopped());
      running = null;
    })();
    return running;
  };
}
