import { isIP } from 'node:net';
import path from 'node:path';
import { assertSafePath } from '../files/safe-path.js';

/** Where Keel's private nginx keeps everything: one prefix directory under Keel's state dir. */
export interface NginxLayout {
  prefix: string;
  confFile: string;
  listenFile: string;
  sitesDir: string;
  /** Vhosts nginx rejected, set aside so that every other site could be applied. */
  sitesHeldDir: string;
  logsDir: string;
  siteLogsDir: string;
  errorLog: string;
  pidFile: string;
  tempDir: string;
  /** The HTTPS listen directive and the HTTP→HTTPS redirect, shared by every site with a certificate. */
  tlsListenFile: string;
  httpsRedirectFile: string;
  /** Each site's certificate chain and key, as nginx reads them (written from the database). */
  certsDir: string;
  /** Where ACME HTTP-01 answers wait for the CA, served on every site's /.well-known/acme-challenge/. */
  challengeDir: string;
}

/** Keel's nginx prefix under its data directory. */
export const nginxStateDir = (dataDir: string) => path.join(dataDir, 'nginx');

export function nginxLayout(stateDir: string): NginxLayout {
  const prefix = assertSafePath(path.resolve(stateDir), 'nginx state directory');
  return {
    prefix,
    confFile: path.join(prefix, 'conf', 'nginx.conf'),
    listenFile: path.join(prefix, 'conf', 'listen.conf'),
    sitesDir: path.join(prefix, 'conf', 'sites'),
    sitesHeldDir: path.join(prefix, 'conf', 'sites-held'),
    logsDir: path.join(prefix, 'logs'),
    siteLogsDir: path.join(prefix, 'logs', 'sites'),
    errorLog: path.join(prefix, 'logs', 'error.log'),
    pidFile: path.join(prefix, 'run', 'nginx.pid'),
    tempDir: path.join(prefix, 'temp'),
    tlsListenFile: path.join(prefix, 'conf', 'listen-tls.conf'),
    httpsRedirectFile: path.join(prefix, 'conf', 'https-redirect.conf'),
    certsDir: path.join(prefix, 'certs'),
    challengeDir: path.join(prefix, 'acme-challenge'),
  };
}

export function siteFile(layout: NginxLayout, websiteId: string): string {
  return path.join(layout.sitesDir, `${websiteId}.conf`);
}

/** A site's certificate chain (leaf first) and private key. */
export function siteCertificateFiles(layout: NginxLayout, websiteId: string) {
  return {
    certificate: path.join(layout.certsDir, `${websiteId}.pem`),
    privateKey: path.join(layout.certsDir, `${websiteId}.key`),
  };
}

export function siteAccessLog(layout: Pick<NginxLayout, 'siteLogsDir'>, websiteId: string): string {
  return path.join(layout.siteLogsDir, `${websiteId}.access.log`);
}

/** The errors nginx logs for one site (a missing file, a refused symlink …), at `warn` and above. */
export function siteErrorLog(layout: Pick<NginxLayout, 'siteLogsDir'>, websiteId: string): string {
  return path.join(layout.siteLogsDir, `${websiteId}.error.log`);
}

/** The `listen` address for every server block: an IP literal and a port. */
export function listenAddress(host: string, port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid web port ${port}`);
  const family = isIP(host);
  if (family === 0)
    throw new Error(`the web listen address must be an IP address, got ${JSON.stringify(host)}`);
  return family === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
