import type { KindService } from '../../reconciled-kind.js';
import { CustomerHomes } from '../files/customer-homes.js';
import { startPhpPools } from '../php-fpm/php-service.js';
import { nginxStateDir } from './layout.js';
import { findNginxBinary } from './nginx-binary.js';
import { NginxSupervisor } from './supervisor.js';
import { NginxWebsiteDriver } from './website-driver.js';

/** Keel's own nginx, serving the websites from the customers' homes. */
export const websiteService: KindService<NginxWebsiteDriver> = {
  async start(settings, stops) {
    if (settings.webPort === null) {
      return { unavailable: 'websites are not provisioned: KEEL_WEB_PORT is not set' };
    }
    const binary = settings.nginxBin ?? (await findNginxBinary());
    if (binary === undefined) {
      return { unavailable: 'nginx was not found: install it (apt-get install nginx) or set KEEL_NGINX_BIN' };
    }
    const homes = new CustomerHomes(settings.homesDir);
    await homes.prepare();
    const nginx = new NginxSupervisor({
      binary,
      stateDir: nginxStateDir(settings.dataDir),
      port: settings.webPort,
      tlsPort: settings.webTlsPort,
      host: settings.webHost,
      logBounds: settings.logBounds,
      log: settings.log,
    });
    await nginx.start();
    stops.push(() => nginx.stop());
    return new NginxWebsiteDriver(nginx, homes, await startPhpPools(settings, homes, stops));
  },

  // The vhost files are read from disk; nginx is neither run nor looked for.
  inspect(settings) {
    if (settings.webPort === null) return null;
    const nginx = new NginxSupervisor({
      binary: settings.nginxBin ?? 'nginx',
      stateDir: nginxStateDir(settings.dataDir),
      port: settings.webPort,
      tlsPort: settings.webTlsPort,
    });
    return new NginxWebsiteDriver(nginx, new CustomerHomes(settings.homesDir));
  },
};
