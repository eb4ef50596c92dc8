import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Signals } from './context.js';
import { purgeScheduler } from './customers/purge-scheduler.js';
import type { DatabaseHandle } from './db/client.js';
import { CustomerHomes } from './provisioning/drivers/files/customer-homes.js';
import { reconcilerWorker } from './provisioning/reconciler-worker.js';

/** Something the server runs beside HTTP: the purge scheduler, the reconciler. */
export interface BackgroundWorker {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkerDeps {
  config: Config;
  handle: DatabaseHandle;
  signals: Signals;
  log: FastifyBaseLogger;
}

export function backgroundWorkers(deps: WorkerDeps): BackgroundWorker[] {
  return [
    reconcilerWorker(deps),
    purgeScheduler({
      db: deps.handle.db,
      signals: deps.signals,
      log: deps.log,
      intervalMs: deps.config.purgeSweepSeconds * 1000,
      services: { homes: new CustomerHomes(deps.config.homesDir) },
    }),
  ];
}
