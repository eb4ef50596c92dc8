import path from 'node:path';
import type { KindService } from '../../reconciled-kind.js';
import { findPowerDnsBinaries } from './pdns-binary.js';
import { PowerDnsSupervisor } from './supervisor.js';
import { PowerDnsZoneDriver } from './zone-driver.js';

/** Keel's own PowerDNS (bind backend), serving the customers' zones. */
export const zoneService: KindService<PowerDnsZoneDriver> = {
  async start(settings, stops) {
    if (settings.dnsPort === null)
      return { unavailable: 'DNS zones are not served: KEEL_DNS_PORT is not set' };
    if (settings.nameservers.length === 0) {
      return { unavailable: 'DNS zones are not served: KEEL_DNS_NAMESERVERS names no name server' };
    }
    const binaries = await findPowerDnsBinaries(
      settings.pdnsBin === null ? process.env : { ...process.env, KEEL_PDNS_BIN: settings.pdnsBin },
    );
    if (binaries === undefined) {
      return {
        unavailable:
          'PowerDNS was not found: install it (apt-get install pdns-server pdns-backend-bind) or set KEEL_PDNS_BIN',
      };
    }
    const powerDns = new PowerDnsSupervisor({
      binaries,
      stateDir: path.join(settings.dataDir, 'powerdns'),
      port: settings.dnsPort,
      host: settings.dnsHost,
      log: settings.log,
    });
    // Built first: name servers it refuses must not leave PowerDNS running.
    const driver = new PowerDnsZoneDriver(powerDns, settings.nameservers);
    await powerDns.start();
    stops.push(() => powerDns.stop());
    return driver;
  },

  // Only named.conf is read for inventory: no binary is run, so none is looked for.
  inspect(settings) {
    if (settings.dnsPort === null) return null;
    const powerDns = new PowerDnsSupervisor({
      binaries: { server: 'pdns_server', control: 'pdns_control' },
      stateDir: path.join(settings.dataDir, 'powerdns'),
      port: settings.dnsPort,
    });
    return new PowerDnsZoneDriver(powerDns, settings.nameservers);
  },
};
