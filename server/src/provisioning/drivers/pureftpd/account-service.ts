import path from 'node:path';
import type { KindService } from '../../reconciled-kind.js';
import { CustomerHomes } from '../files/customer-homes.js';
import { findExecutable } from '../process/find-executable.js';
import { PureFtpdAccountDriver } from './account-driver.js';
import { PureFtpdSupervisor } from './supervisor.js';

const SYSTEM_DIRS = ['/usr/sbin', '/usr/bin'];

/** Keel's own pure-ftpd, letting the customers' FTP accounts into their homes. */
export const ftpAccountService: KindService<PureFtpdAccountDriver> = {
  async start(settings, stops) {
    if (!settings.ftp) {
      return {
        unavailable: 'FTP accounts are not served: KEEL_FTP_PORT and KEEL_FTP_PASSIVE_PORTS are not set',
      };
    }
    const server = await findExecutable('pure-ftpd', SYSTEM_DIRS);
    const passwords = await findExecutable('pure-pw', SYSTEM_DIRS);
    if (server === undefined || passwords === undefined) {
      return { unavailable: 'pure-ftpd was not found: install it (apt-get install pure-ftpd)' };
    }
    const homes = new CustomerHomes(settings.homesDir);
    await homes.prepare();
    const ftpd = new PureFtpdSupervisor({
      binaries: { server, passwords },
      stateDir: path.join(settings.dataDir, 'pure-ftpd'),
      ftp: settings.ftp,
      log: settings.log,
    });
    await ftpd.start();
    stops.push(() => ftpd.stop());
    return new PureFtpdAccountDriver(ftpd, homes);
  },

  // Only the users file is read: nothing is run.
  inspect(settings) {
    if (!settings.ftp) return null;
    const ftpd = new PureFtpdSupervisor({
      binaries: { server: 'pure-ftpd', passwords: 'pure-pw' },
      stateDir: path.join(settings.dataDir, 'pure-ftpd'),
      ftp: settings.ftp,
    });
    return new PureFtpdAccountDriver(ftpd, new CustomerHomes(settings.homesDir));
  },
};
