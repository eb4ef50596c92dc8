import path from 'node:path';
import type { Config } from '../config.js';
import { MariaDbDatabaseDriver } from './drivers/databases.js';
import { CustomerHomes } from './drivers/files/customer-homes.js';
import { MariaDbAdmin } from './drivers/mariadb/mariadb-admin.js';
import { NginxSupervisor } from './drivers/nginx/supervisor.js';
import { NginxWebsiteDriver } from './drivers/websites.js';

/**
 * The configured drivers for looking only: nginx is not started (its vhost files are read from
 * disk) and MariaDB is only queried. `close` releases the MariaDB pool.
 */
export function inventoryDrivers(config: Config) {
  const websites =
    config.webPort === null
      ? null
      : new NginxWebsiteDriver(
          new NginxSupervisor({
            binary: config.nginxBin ?? 'nginx',
            stateDir: path.join(config.dataDir, 'nginx'),
            port: config.webPort,
          }),
          new CustomerHomes(config.homesDir),
        );
  const admin = config.mariadbUrl ? MariaDbAdmin.connect(config.mariadbUrl, config.mariadbUserHosts) : null;
  return {
    websites,
    databases: admin ? new MariaDbDatabaseDriver(admin) : null,
    close: async () => admin?.close(),
  };
}
