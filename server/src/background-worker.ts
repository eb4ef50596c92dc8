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
}
