import path from 'node:path';
import { MariaDbDatabaseDriver } from './databases.js';
import { CustomerHomes } from './files/customer-homes.js';
import type { AccountHosts } from './mariadb/mariadb-admin.js';
import { MariaDbAdmin } from './mariadb/mariadb-admin.js';
import { findNginxBinary } from './nginx/nginx-binary.js';
import { NginxSupervisor } from './nginx/supervisor.js';
import { findPowerDnsBinaries } from './powerdns/pdns-binary.js';
import { PowerDnsSupervisor } from './powerdns/supervisor.js';
import { PowerDnsZoneDriver } from './powerdns/zone-driver.js';
import type { ServiceLog } from './process/supervised-process.js';
import type { DatabaseDriver, DnsZoneDriver, WebsiteDriver } from './types.js';
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
  /** KEEL_DNS_PORT; null leaves DNS zones unserved. */
  dnsPort: number | null;
  /** An IP literal; 127.0.0.1 when not given. */
  dnsHost?: string;
  /** KEEL_PDNS_BIN: the pdns_server to run; null looks for it on PATH and in /usr/sbin. */
  pdnsBin: string | null;
  /** KEEL_DNS_NAMESERVERS: host names without the trailing dot; the first is every SOA's primary. */
  nameservers: string[];
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
  dnsZones: DnsZoneDriver | null;
  dnsZonesUnavailable: string | null;
  /** Keel's PowerDNS, for status. */
  powerDns: PowerDnsSupervisor | null;
  /** Stops nginx and PowerDNS and closes the MariaDB pool. */
  stop(): Promise<void>;
}

type Stops = Array<() => Promise<void>>;

/**
 * Configured but broken (nginx cannot start, port taken) is an error at start, not a silent
 * degrade; the services started before the broken one are stopped again.
 */
export async function startServiceDrivers(settings: ServiceSettings): Promise<ServiceDrivers> {
  const stops: Stops = [];
  const stop = async () => {
    for (const next of stops.reverse()) await next();
  };
  try {
    return {
      ...(await startWebsites(settings, stops)),
      ...connectDatabases(settings, stops),
      ...(await startDnsZones(settings, stops)),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startWebsites(
  settings: ServiceSettings,
  stops: Stops,
): Promise<Pick<ServiceDrivers, 'websites' | 'websitesUnavailable' | 'nginx'>> {
  const unavailable = (reason: string) => ({ websites: null, websitesUnavailable: reason, nginx: null });
  if (settings.webPort === null) {
    return unavailable('websites are not provisioned: KEEL_WEB_PORT is not set');
  }
  const binary = settings.nginxBin ?? (await findNginxBinary());
  if (binary === undefined) {
    return unavailable('nginx was not found: install it (apt-get install nginx) or set KEEL_NGINX_BIN');
  }
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
  return { websites: new NginxWebsiteDriver(nginx, homes), websitesUnavailable: null, nginx };
}

function connectDatabases(
  settings: ServiceSettings,
  stops: Stops,
): Pick<ServiceDrivers, 'databases' | 'databasesUnavailable'> {
  if (settings.mariadbUrl === null) {
    return {
      databases: null,
      databasesUnavailable: 'databases are not provisioned: KEEL_MARIADB_URL is not set',
    };
  }
  const admin = MariaDbAdmin.connect(settings.mariadbUrl, settings.databaseAccountHosts);
  stops.push(() => admin.close());
  return { databases: new MariaDbDatabaseDriver(admin), databasesUnavailable: null };
}

async function startDnsZones(
  settings: ServiceSettings,
  stops: Stops,
): Promise<Pick<ServiceDrivers, 'dnsZones' | 'dnsZonesUnavailable' | 'powerDns'>> {
  const unavailable = (reason: string) => ({ dnsZones: null, dnsZonesUnavailable: reason, powerDns: null });
  if (settings.dnsPort === null) return unavailable('DNS zones are not served: KEEL_DNS_PORT is not set');
  if (settings.nameservers.length === 0) {
    return unavailable('DNS zones are not served: KEEL_DNS_NAMESERVERS names no name server');
  }
  const binaries = await findPowerDnsBinaries(
    settings.pdnsBin === null ? process.env : { ...process.env, KEEL_PDNS_BIN: settings.pdnsBin },
  );
  if (binaries === undefined) {
    return unavailable(
      'PowerDNS was not found: install it (apt-get install pdns-server pdns-backend-bind) or set KEEL_PDNS_BIN',
    );
  }
  const powerDns = new PowerDnsSupervisor({
    binaries,
    stateDir: path.join(settings.dataDir, 'powerdns'),
    port: settings.dnsPort,
    host: settings.dnsHost,
    log: settings.log,
  });
  // Built first: name servers it refuses must not leave PowerDNS running.
  const dnsZones = new PowerDnsZoneDriver(powerDns, settings.nameservers);
  await powerDns.start();
  stops.push(() => powerDns.stop());
  return { dnsZones, dnsZonesUnavailable: null, powerDns };
}
