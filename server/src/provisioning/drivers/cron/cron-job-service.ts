import type { KindService } from '../../reconciled-kind.js';
import { CustomerHomes } from '../files/customer-homes.js';
import { CronJobDriver } from './cron-job-driver.js';

/** Only root can start a process as another user: without it no job may run, as it would run as Keel. */
const runsAsRoot = () => process.getuid?.() === 0;

/** Keel's own scheduler runs the jobs; its "service" is the customers' homes they run in. */
export const cronJobService: KindService<CronJobDriver> = {
  async start(settings) {
    if (!runsAsRoot()) {
      return {
        unavailable:
          "Cron jobs do not run: Keel is not running as root, so it cannot run them as each customer's own user",
      };
    }
    const homes = new CustomerHomes(settings.homesDir);
    try {
      await homes.prepare();
    } catch (error) {
      // The customers' own users must reach their homes too; Keel still serves everything else.
      return {
        unavailable: `Cron jobs do not run: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    return new CronJobDriver(homes);
  },

  // A job leaves nothing on a service for keel doctor to look at.
  inspect() {
    return null;
  },
};
