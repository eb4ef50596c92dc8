import type { BackgroundWorker, WorkerDeps } from '../background-worker.js';
import { type ServiceDrivers, startServiceDrivers } from './drivers/service-drivers.js';
import { listenOnPostgres } from './listen.js';
import { Reconciler } from './reconciler.js';

/** Starts the service drivers the configuration allows, then the reconciler that uses them. */
export function reconcilerWorker({ config, handle, signals, log }: WorkerDeps): BackgroundWorker {
  let drivers: ServiceDrivers | undefined;
  let reconciler: Reconciler | undefined;
  return {
    async start() {
      drivers = await startServiceDrivers({
        dataDir: config.dataDir,
        homesDir: config.homesDir,
        webPort: config.webPort,
        nginxBin: config.nginxBin,
        mariadbUrl: config.mariadbUrl,
        databaseAccountHosts: config.mariadbUserHosts,
        dnsPort: config.dnsPort,
        dnsHost: config.dnsHost,
        pdnsBin: config.pdnsBin,
        nameservers: config.nameservers,
        log: { info: (message) => log.info(message), warn: (message) => log.warn(message) },
      });
      for (const missing of [
        drivers.websitesUnavailable,
        drivers.databasesUnavailable,
        drivers.dnsZonesUnavailable,
      ]) {
        if (missing) log.warn(missing);
      }
      const starting = new Reconciler({
        db: handle.db,
        signals,
        drivers,
        listen: handle.pool ? listenOnPostgres(handle.pool, { log }) : undefined,
        soleReconciler: handle.kind === 'pglite',
        log,
      });
      try {
        await starting.start();
      } catch (error) {
        // The server only stops workers that started: stop nginx here, or it outlives Keel.
        await starting.stop();
        await drivers.stop();
        throw error;
      }
      reconciler = starting;
    },
    async stop() {
      await reconciler?.stop();
      await drivers?.stop();
    },
  };
}
