import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type Context, createSignals, systemContext } from '../../server/src/context.js';
import { type DatabaseHandle, openDatabase } from '../../server/src/db/client.js';
import { migrate } from '../../server/src/db/migrate.js';
import { DatabaseStore } from '../../server/src/provisioning/database-store.js';
import type { NginxSupervisor } from '../../server/src/provisioning/drivers/nginx/supervisor.js';
import { listenOnPostgres } from '../../server/src/provisioning/listen.js';
import { Reconciler } from '../../server/src/provisioning/reconciler.js';
import { localServer } from '../../server/src/provisioning/server-ref.js';
import { type Services, startServices } from '../../server/src/provisioning/services.js';
import { hostingKinds } from '../../server/src/resource-kinds.js';
import { websiteKind } from '../../server/src/websites/website-kind.js';
import { freePort, sharedTempDir } from '../../test/services/helpers.js';

/** Keel's hosting side as `keel start` wires it, on a data directory of the benchmark's own. */
export interface HostingServices {
  /** The system acting, as an operator command does. */
  ctx: Context;
  handle: DatabaseHandle;
  drivers: Services;
  nginx: NginxSupervisor;
  reconciler: Reconciler;
  webPort: number;
  mariadbUrl: string;
  homesDir: string;
  /** Stops the reconciler, nginx and the MariaDB pool, closes the database, removes the data directory. */
  close(): Promise<void>;
}

export interface HostingSettings {
  /** PostgreSQL when given; otherwise a fresh PGlite in the temporary data directory. */
  databaseUrl: string | null;
  mariadbUrl: string;
  nginxBin: string | null;
}

export async function startHostingServices(settings: HostingSettings): Promise<HostingServices> {
  // Readable by nginx's workers (nobody, when run as root), which serve the sites below it.
  const dataDir = await sharedTempDir('convergence');
  const homesDir = path.join(dataDir, 'homes');
  const closers: Array<() => Promise<unknown>> = [() => rm(dataDir, { recursive: true, force: true })];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const handle = await openDatabase({ databaseUrl: settings.databaseUrl, dataDir });
    closers.push(() => handle.close());
    await migrate(handle);
    const webPort = await freePort();
    const drivers = await startServices(hostingKinds, {
      dataDir,
      homesDir,
      webPort,
      nginxBin: settings.nginxBin,
      mariadbUrl: settings.mariadbUrl,
      dnsPort: null,
      pdnsBin: null,
      nameservers: [],
    });
    closers.push(() => drivers.stop());
    const nginx = drivers.driverOf(websiteKind)?.nginx;
    if (!nginx) throw new Error('nginx did not start');
    const signals = createSignals();
    // The benchmark's database is its own and thrown away: a key of the run's own seals its secrets.
    const panelKey = randomBytes(32);
    const reconciler = new Reconciler({
      store: new DatabaseStore({ db: handle.db, server: localServer, signals, panelKey }),
      signals,
      kinds: drivers.kinds,
      listen: handle.pool ? listenOnPostgres(handle.pool) : undefined,
      log: {
        info: console.info,
        warn: console.warn,
        error: (object, message) => console.error(message, object),
      },
    });
    await reconciler.start();
    closers.push(() => reconciler.stop());
    const ctx = systemContext({ db: handle.db, signals, panelKey, userAgent: 'keel convergence benchmark' });
    return {
      ctx,
      handle,
      drivers,
      nginx,
      reconciler,
      webPort,
      mariadbUrl: settings.mariadbUrl,
      homesDir,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
