import path from 'node:path';
import { MariaDbDatabaseDriver } from './databases.js';
import { CustomerHomes } from './files/customer-homes.js';
import type { AccountHosts } from './mariadb/mariadb-admin.js';
import { MariaDbAdmin } from './mariadb/mariadb-admin.js';
import { findNginxBinary } from './nginx/nginx-binary.js';
import { NginxSupervisor } from './nginx/supervisor.js';
import type { ServiceLog } from './process/supervised-process.js';
import type { DatabaseDriver, WebsiteDriver } from './types.js';
import { NginxWebsiteDriver } from './websites.js';

export interface ServiceSettings {
  dataDir: string;
  homesDir: string;
  /** KEEL_WEB_PORT; null leaves websites unprovisioned. */
  webPort: number | null;
  webHost?: string;
  nginxBin: string | null;
  /** KEEL_MARIADB_URL; null leaves databases unprovisioned. */
  mariadbUrl: string | null;
  databaseAccountHosts?: AccountHosts;
  log?: ServiceLog;
}

/**
 * The drivers Keel can run with its settings. A service that cannot run has no driver and a
 * sentence saying which setting is missing, which the reconciler shows as the resource's error
 * while leaving it pending.
 */
export interface ServiceDrivers {
  websites: WebsiteDriver | null;
  websitesUnavailable: string | null;
  /** Keel's nginx, for status and the benchmark's reload count. */
  nginx: NginxSupervisor | null;
  databases: DatabaseDriver | null;
  databasesUnavailable: string | null;
  /** Stops nginx and closes the MariaDB pool. */
  stop(): Promise<void>;
}

/** Configured but broken (nginx cannot start, port taken) is an error at start, not a silent degrade. */
export async function startServiceDrivers(settings: ServiceSettings): Promise<ServiceDrivers> {
  const stops: Array<() => Promise<void>> = [];
  const drivers: ServiceDrivers = {
    websites: null,
    websitesUnavailable: null,
    nginx: null,
    databases: null,
    databasesUnavailable: null,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
  if (settings.webPort === null) {
    drivers.websitesUnavailable = 'websites are not provisioned: KEEL_WEB_PORT is not set';
  } else {
    const binary = settings.nginxBin ?? (await findNginxBinary());
    if (binary === undefined) {
      drivers.websitesUnavailable =
        'nginx was not found: install it (apt-get install nginx) or set KEEL_NGINX_BIN';
    } else {
      const homes = new CustomerHomes(settings.homesDir);
      await homes.prepare();
      const nginx = new NginxSupervisor({
        binary,
        stateDir: path.join(settings.dataDir, 'nginx'),
        port: settings.webPort,
        host: settings.webHost,
        log: settings.log,
      });
      await nginx.start();
      stops.push(() => nginx.stop());
      drivers.nginx = nginx;
      drivers.websites = new NginxWebsiteDriver(nginx, homes);
    }
  }
  if (settings.mariadbUrl === null) {
    drivers.databasesUnavailable = 'databases are not provisioned: KEEL_MARIADB_URL is not set';
  } else {
    const admin = MariaDbAdmin.connect(settings.mariadbUrl, settings.databaseAccountHosts);
    stops.push(() => admin.close());
    drivers.databases = new MariaDbDatabaseDriver(admin);
  }
  return drivers;
}
