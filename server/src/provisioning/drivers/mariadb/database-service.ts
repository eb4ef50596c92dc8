import type { KindService } from '../../reconciled-kind.js';
import { MariaDbDatabaseDriver } from './database-driver.js';
import { MariaDbAdmin } from './mariadb-admin.js';

/** The MariaDB server Keel is given (KEEL_MARIADB_URL); Keel only administers it. */
export const databaseService: KindService<MariaDbDatabaseDriver> = {
  async start(settings, stops) {
    return (
      this.inspect(settings, stops) ?? {
        unavailable: 'databases are not provisioned: KEEL_MARIADB_URL is not set',
      }
    );
  },

  inspect(settings, stops) {
    if (settings.mariadbUrl === null) return null;
    const admin = MariaDbAdmin.connect(settings.mariadbUrl, settings.databaseAccountHosts);
    stops.push(() => admin.close());
    return new MariaDbDatabaseDriver(admin);
  },
};
