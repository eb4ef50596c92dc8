import type { BackgroundWorker, WorkerDeps } from '../background-worker.js';
import { DatabaseStore } from './database-store.js';
import type { ResourceDriver } from './drivers/types.js';
import type { HostedKind } from './reconciled-kind.js';
import { Reconciler } from './reconciler.js';
import { localServer } from './server-ref.js';
import { serviceSettings } from './service-settings.js';
import { type Services, startServices } from './services.js';

/** Starts the services the configuration allows for every kind, then the reconciler that uses them. */
export function reconcilerWorker(
  { config, handle, signals, log, panelKey }: WorkerDeps,
  kinds: HostedKind[],
): BackgroundWorker & { driverOf(noun: string): ResourceDriver<unknown> | null } {
  let services: Services | undefined;
  let reconciler: Reconciler | undefined;
  return {
    async start() {
      services = await startServices(
        kinds,
        serviceSettings(config, {
          info: (message) => log.info(message),
          warn: (message) => log.warn(message),
        }),
      );
      // Kinds on one service (mailboxes and aliases) share its reason: each is said once.
      const reasons = new Set(services.kinds.map((kind) => kind.unavailable));
      for (const reason of reasons) if (reason) log.warn(reason);
      const starting = new Reconciler({
        // The panel's own machine: a single-machine Keel is this and nothing else.
        store: new DatabaseStore({ db: handle.db, server: localServer, signals, panelKey }),
        // Other panels' changes on a shared PostgreSQL arrive here too (database-changes.ts).
        signals,
        kinds: services.kinds,
        soleReconciler: handle.kind === 'pglite',
        sweepMs: config.sweepSeconds * 1000,
        log,
      });
      try {
        await starting.start();
      } catch (error) {
        // The server only stops workers that started: stop nginx here, or it outlives Keel.
        await starting.stop();
        await services.stop();
        throw error;
      }
      reconciler = starting;
    },
    async stop() {
      await reconciler?.stop();
      await services?.stop();
    },
    /** A started kind's driver, for work beside the reconciler's (vacating a moved customer). */
    driverOf: (noun) => services?.kinds.find((entry) => entry.kind.noun === noun)?.driver ?? null,
  };
}
