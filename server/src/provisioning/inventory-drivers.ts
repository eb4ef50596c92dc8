import path from 'node:path';
import type { Config } from '../config.js';
import { MariaDbDatabaseDriver } from './drivers/databases.js';
import { CustomerHomes } from './drivers/files/customer-homes.js';
import { MariaDbAdmin } from './drivers/mariadb/mariadb-admin.js';
import { NginxSupervisor } from './drivers/nginx/supervisor.js';
import { PowerDnsSupervisor } from './drivers/powerdns/supervisor.js';
import { PowerDnsZoneDriver } from './drivers/powerdns/zone-driver.js';
import { NginxWebsiteDriver } from './drivers/websites.js';

/**
 * The configured drivers for looking only: nginx and PowerDNS are not started (their vhost files
 * and named.conf are read from disk) and MariaDB is only queried. `close` releases the MariaDB pool.
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
  // The zone driver only reads named.conf for inventory: no binary is run, so none is looked for.
  const dnsZones =
    config.dnsPort === null
      ? null
      : new PowerDnsZoneDriver(
          new PowerDnsSupervisor({
            binaries: { server: 'pdns_server', control: 'pdns_control' },
            stateDir: path.join(config.dataDir, 'powerdns'),
            port: config.dnsPort,
          }),
          config.nameservers,
        );
  const admin = config.mariadbUrl ? MariaDbAdmin.connect(config.mariadbUrl, config.mariadbUserHosts) : null;
  return {
    websites,
    databases: admin ? new MariaDbDatabaseDriver(admin) : null,
    dnsZones,
    close: async () => admin?.close(),
  };
}
