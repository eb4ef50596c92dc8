import path from 'node:path';
import { assertSafePath } from '../files/safe-path.js';

/** Where Keel's private PowerDNS keeps everything: one directory under Keel's state dir. */
export interface PowerDnsLayout {
  /** pdns_server's --config-dir: it reads pdns.conf from here. */
  configDir: string;
  configFile: string;
  /** The bind backend's list of zones; Keel rewrites it whole. */
  namedConf: string;
  zonesDir: string;
  /** The control socket pdns_control talks to, and the pid file. */
  socketDir: string;
  pidFile: string;
}

export function powerDnsLayout(stateDir: string): PowerDnsLayout {
  const configDir = assertSafePath(path.resolve(stateDir), 'PowerDNS state directory');
  const socketDir = path.join(configDir, 'run');
  return {
    configDir,
    configFile: path.join(configDir, 'pdns.conf'),
    namedConf: path.join(configDir, 'named.conf'),
    zonesDir: path.join(configDir, 'zones'),
    socketDir,
    pidFile: path.join(socketDir, 'pdns.pid'),
  };
}

export function zoneFile(layout: PowerDnsLayout, zoneId: string): string {
  return path.join(layout.zonesDir, `${zoneId}.zone`);
}
