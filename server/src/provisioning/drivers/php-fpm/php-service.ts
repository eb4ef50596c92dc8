import path from 'node:path';
import type { ServiceSettings, Stops } from '../../service-settings.js';
import type { CustomerHomes } from '../files/customer-homes.js';
import { canChown, webGroupId } from '../files/home-owner.js';
import { findExecutable } from '../process/find-executable.js';
import { PhpPools } from './php-pools.js';
import { findInstalledPhp } from './php-versions.js';
import type { SocketAccess } from './render-pool.js';
import { PhpFpmSupervisor } from './supervisor.js';

/** nginx's workers run as nobody when its master (Keel) runs as root. */
const NGINX_WORKER_USER = 'nobody';

/**
 * Starts Keel's php-fpm master of every PHP version installed, beside its nginx; null when none
 * is: websites then serve static files only, and a site asking for PHP says why it cannot.
 */
export async function startPhpPools(
  settings: ServiceSettings,
  homes: CustomerHomes,
  stops: Stops,
): Promise<PhpPools | null> {
  const installed = await findInstalledPhp();
  if (installed.length === 0) return null;
  const access: SocketAccess | null = canChown()
    ? { owner: NGINX_WORKER_USER, group: await webGroupId() }
    : null;
  const setpriv = canChown() ? await findExecutable('setpriv', ['/usr/bin', '/bin']) : undefined;
  if (canChown() && setpriv === undefined) {
    throw new Error("setpriv was not found (apt-get install util-linux): PHP would run with Keel's groups");
  }
  const stateDir = path.join(settings.dataDir, 'php-fpm');
  const masters = new Map(
    installed.map((php) => [
      php.version,
      new PhpFpmSupervisor({
        php,
        stateDir,
        access,
        setpriv,
        logBounds: settings.logBounds,
        log: settings.log,
      }),
    ]),
  );
  const pools = new PhpPools(masters, homes, access);
  stops.push(() => pools.stop());
  await pools.start();
  return pools;
}
