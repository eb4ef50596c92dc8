import { isIP } from 'node:net';
import type { PowerDnsLayout } from './layout.js';

export interface PowerDnsListen {
  /** An IP literal; 0.0.0.0 or :: for every address. */
  host: string;
  port: number;
}

/** The address pdns_server answers on, checked: it is written bare into pdns.conf. */
export function powerDnsListen(host: string, port: number): PowerDnsListen {
  if (isIP(host) === 0) {
    throw new Error(`the DNS listen address must be an IP address, got ${JSON.stringify(host)}`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid DNS port ${port}`);
  return { host, port };
}

/** pdns.conf for Keel's PowerDNS: the bind backend reading Keel's named.conf, in the foreground. */
export function renderPowerDnsConfig(layout: PowerDnsLayout, listen: PowerDnsListen): string {
  return `# Written by Keel at every start; edits here are lost.
launch=bind
bind-config=${layout.namedConf}
local-address=${listen.host}
local-port=${listen.port}
socket-dir=${layout.socketDir}
# Keel runs it in the foreground and restarts it itself.
daemon=no
guardian=no
# The pid file lets the next Keel end a PowerDNS left running by a Keel that was killed.
write-pid=yes
disable-syslog=yes
# No query to the internet about PowerDNS's own security status.
security-poll-suffix=
`;
}
