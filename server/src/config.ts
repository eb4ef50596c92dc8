import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { isRepositoryUrl } from './backups/repository-location.js';
import { normalizeDomain } from './hosting/names.js';
import { defaultLogBounds, type LogBounds } from './provisioning/drivers/files/log-rotation.js';
import type { MailSettings } from './provisioning/service-settings.js';

/** Everything Keel reads from its environment, validated once at start. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  adminEmail: string | null;
  adminPassword: string | null;
  trustedProxies: string[];
  logLevel: string;
  webPort: number | null;
  /** KEEL_WEB_TLS_PORT: HTTPS for every site with a certificate; null serves none. */
  webTlsPort: number | null;
  /** KEEL_ACME_DIRECTORY: the ACME CA's directory URL (Let's Encrypt's production one by default). */
  acmeDirectory: string;
  /** KEEL_ACME_EMAIL: the contact the CA's account gives (expiry notices); none when not set. */
  acmeEmail: string | null;
  nginxBin: string | null;
  mariadbUrl: string | null;
  /** Where customers' database users may connect from: local (localhost and 127.0.0.1) or any host. */
  mariadbUserHosts: 'local' | 'any';
  /** KEEL_DNS_PORT: Keel runs its own PowerDNS there for customers' zones; null serves none. */
  dnsPort: number | null;
  /** The address PowerDNS listens on; 127.0.0.1 unless the operator exposes it directly. */
  dnsHost: string;
  pdnsBin: string | null;
  /** The provider's name servers: every zone's SOA and apex NS records name them. */
  nameservers: string[];
  /** KEEL_FTP_PORT with KEEL_FTP_PASSIVE_PORTS: Keel runs its own pure-ftpd; null serves no FTP. */
  ftp: FtpConfig | null;
  homesDir: string;
  /** Keel's own Postfix and Dovecot (KEEL_SMTP_PORT and the settings beside it). */
  mail: MailSettings;
  /** KEEL_BACKUP_DIR: one restic repository per customer below it. */
  backupDir: string;
  /** KEEL_SECRET_KEY: the key sealing the repositories' passwords; null keeps one in KEEL_DATA_DIR. */
  secretKey: string | null;
  /** KEEL_BACKUP_JOBS: how many backups and restores this server runs at once. */
  backupJobs: number;
  purgeSweepSeconds: number;
  /** How often the reconciler sweeps: retries, missed wake-ups, and repairing drift on the services. */
  sweepSeconds: number;
  /** KEEL_CRON_TIMEOUT_SECONDS: how long one run of a customer's cron job may take before it is killed. */
  cronTimeoutSeconds: number;
  /** KEEL_LOG_MAX_MB, KEEL_LOG_KEEP, KEEL_LOG_CHECK_SECONDS: how far the services' log files grow. */
  logBounds: LogBounds;
  /** KEEL_METRICS_TOKEN: the bearer a Prometheus scraper sends to read /metrics; null leaves it to admins. */
  metricsToken: string | null;
}

export interface FtpConfig {
  port: number;
  /** The address pure-ftpd listens on; every address when not given. */
  host: string;
  passivePorts: { low: number; high: number };
  /** The address passive replies name, behind NAT; pure-ftpd's own otherwise. */
  publicIp: string | null;
  /** KEEL_FTP_TLS_CERT and _KEY (PEM); a self-signed one in KEEL_DATA_DIR when not given. */
  tlsCert: string | null;
  tlsKey: string | null;
}

export class ConfigError extends Error {}

function port(name: string, raw: string | undefined, fallback: number | null): number | null {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number between 0 and 65535, got "${raw}"`);
  }
  return value;
}

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive integer`);
  return value;
}

function proxies(raw: string | undefined): string[] {
  if (!raw) return [];
  const list = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of list) {
    const address = entry.split('/')[0] ?? '';
    if (!isIP(address))
      throw new ConfigError(`KEEL_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
  }
  return list;
}

function userHosts(raw: string | undefined): 'local' | 'any' {
  if (raw === undefined || raw === '' || raw === 'local') return 'local';
  if (raw === 'any') return 'any';
  throw new ConfigError('KEEL_MARIADB_USER_HOSTS must be "local" or "any"');
}

function ipAddress(name: string, raw: string | undefined, fallback: string): string {
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!isIP(raw.trim())) throw new ConfigError(`${name} must be an IP address, got "${raw}"`);
  return raw.trim();
}

/** The provider's name servers; without the setting, this machine's own name if it is a full one. */
function nameservers(raw: string | undefined, dnsServed: boolean, machineName: string): string[] {
  if (raw === undefined || raw.trim() === '') {
    const own = normalizeDomain(machineName);
    if (own.ok) return [own.value];
    if (!dnsServed) return [];
    throw new ConfigError(
      `KEEL_DNS_NAMESERVERS must be set: this machine's host name "${machineName}" is not a full host name to put in zones`,
    );
  }
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const checked = normalizeDomain(entry);
      if (!checked.ok)
        throw new ConfigError(`KEEL_DNS_NAMESERVERS: "${entry}": ${checked.reasons.join(' ')}`);
      return checked.value;
    });
}

/** The name Postfix greets with: KEEL_MAIL_HOSTNAME, else this machine's name if it is a full one. */
function mailHostname(raw: string | undefined, machineName: string): string {
  const checked = normalizeDomain(raw?.trim() || machineName);
  if (checked.ok) return checked.value;
  if (raw?.trim()) throw new ConfigError(`KEEL_MAIL_HOSTNAME: "${raw}": ${checked.reasons.join(' ')}`);
  return 'localhost.localdomain';
}

function portRange(name: string, raw: string): { low: number; high: number } {
  const match = /^(\d+)\s*[-:]\s*(\d+)$/.exec(raw.trim());
  const low = Number(match?.[1]);
  const high = Number(match?.[2]);
  if (!match || low < 1024 || high > 65535 || low > high) {
    throw new ConfigError(`${name} must be a range of ports like 30000-30099 (1024 to 65535), got "${raw}"`);
  }
  return { low, high };
}

function ftpConfig(env: NodeJS.ProcessEnv): FtpConfig | null {
  const ftpPort = port('KEEL_FTP_PORT', env.KEEL_FTP_PORT, null);
  const passive = optional(env.KEEL_FTP_PASSIVE_PORTS);
  if (ftpPort === null && passive === null) return null;
  if (ftpPort === null || passive === null) {
    throw new ConfigError('KEEL_FTP_PORT and KEEL_FTP_PASSIVE_PORTS are set together, or neither');
  }
  const tlsCert = optional(env.KEEL_FTP_TLS_CERT);
  const tlsKey = optional(env.KEEL_FTP_TLS_KEY);
  if ((tlsCert === null) !== (tlsKey === null)) {
    throw new ConfigError('KEEL_FTP_TLS_CERT and KEEL_FTP_TLS_KEY are set together, or neither');
  }
  const publicIp = optional(env.KEEL_FTP_PUBLIC_IP);
  return {
    port: ftpPort,
    host: ipAddress('KEEL_FTP_HOST', env.KEEL_FTP_HOST, '0.0.0.0'),
    passivePorts: portRange('KEEL_FTP_PASSIVE_PORTS', passive),
    publicIp: publicIp === null ? null : ipAddress('KEEL_FTP_PUBLIC_IP', publicIp, ''),
    tlsCert: tlsCert === null ? null : resolve(tlsCert),
    tlsKey: tlsKey === null ? null : resolve(tlsKey),
  };
}

export const LETS_ENCRYPT_DIRECTORY = 'https://acme-v02.api.letsencrypt.org/directory';

function acmeDirectory(raw: string | undefined): string {
  const value = optional(raw) ?? LETS_ENCRYPT_DIRECTORY;
  if (!/^https:\/\/[^\s]+$/.test(value))
    throw new ConfigError(`KEEL_ACME_DIRECTORY must be an https:// URL, got "${value}"`);
  return value;
}

/** A scraper's bearer is a secret like an API token: long enough that it cannot be guessed. */
function metricsToken(raw: string | undefined): string | null {
  const value = optional(raw);
  if (value !== null && (value.length < 32 || /\s/.test(value)))
    throw new ConfigError(
      'KEEL_METRICS_TOKEN must be at least 32 characters without spaces (e.g. openssl rand -hex 32)',
    );
  return value;
}

/**
 * KEEL_BACKUP_DIR: a directory (made absolute), or a restic repository URL that every server
 * reaches (`sftp:host:/path`, `rest:https://…`, `s3:…`), kept as given.
 */
function backupLocation(raw: string | undefined, dataDir: string): string {
  if (raw && isRepositoryUrl(raw)) return raw.replace(/\/+$/, '');
  return resolve(raw || resolve(dataDir, 'backups'));
}

function optional(raw: string | undefined): string | null {
  return raw === undefined || raw.trim() === '' ? null : raw.trim();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, machineName = hostname()): Config {
  const dataDir = resolve(env.KEEL_DATA_DIR || './data');
  const databaseUrl = optional(env.DATABASE_URL);
  const dnsPort = port('KEEL_DNS_PORT', env.KEEL_DNS_PORT, null);
  if (!optional(env.KEEL_MAIL_TLS_CERT) !== !optional(env.KEEL_MAIL_TLS_KEY))
    throw new ConfigError('KEEL_MAIL_TLS_CERT and KEEL_MAIL_TLS_KEY must be set together');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: port('PORT', env.PORT, 8080) ?? 8080,
    dataDir,
    databaseUrl,
    adminEmail: optional(env.KEEL_ADMIN_EMAIL),
    adminPassword: env.KEEL_ADMIN_PASSWORD || null,
    trustedProxies: proxies(env.KEEL_TRUSTED_PROXIES),
    logLevel: env.LOG_LEVEL || 'info',
    webPort: port('KEEL_WEB_PORT', env.KEEL_WEB_PORT, null),
    webTlsPort: port('KEEL_WEB_TLS_PORT', env.KEEL_WEB_TLS_PORT, null),
    acmeDirectory: acmeDirectory(env.KEEL_ACME_DIRECTORY),
    acmeEmail: optional(env.KEEL_ACME_EMAIL),
    nginxBin: optional(env.KEEL_NGINX_BIN),
    mariadbUrl: optional(env.KEEL_MARIADB_URL),
    mariadbUserHosts: userHosts(env.KEEL_MARIADB_USER_HOSTS),
    dnsPort,
    dnsHost: ipAddress('KEEL_DNS_HOST', env.KEEL_DNS_HOST, '127.0.0.1'),
    pdnsBin: optional(env.KEEL_PDNS_BIN),
    nameservers: nameservers(env.KEEL_DNS_NAMESERVERS, dnsPort !== null, machineName),
    ftp: ftpConfig(env),
    homesDir: resolve(env.KEEL_HOMES_DIR || resolve(dataDir, 'homes')),
    mail: {
      smtpPort: port('KEEL_SMTP_PORT', env.KEEL_SMTP_PORT, null),
      submissionPort: port('KEEL_SUBMISSION_PORT', env.KEEL_SUBMISSION_PORT, null),
      imapPort: port('KEEL_IMAP_PORT', env.KEEL_IMAP_PORT, null),
      pop3Port: port('KEEL_POP3_PORT', env.KEEL_POP3_PORT, null),
      host: ipAddress('KEEL_MAIL_HOST', env.KEEL_MAIL_HOST, '127.0.0.1'),
      hostname: mailHostname(env.KEEL_MAIL_HOSTNAME, machineName),
      storeDir: optional(env.KEEL_MAIL_DIR) && resolve(env.KEEL_MAIL_DIR as string),
      tlsCertificate: optional(env.KEEL_MAIL_TLS_CERT) && resolve(env.KEEL_MAIL_TLS_CERT as string),
      tlsKey: optional(env.KEEL_MAIL_TLS_KEY) && resolve(env.KEEL_MAIL_TLS_KEY as string),
    },
    backupDir: backupLocation(env.KEEL_BACKUP_DIR, dataDir),
    secretKey: optional(env.KEEL_SECRET_KEY),
    backupJobs: positiveInteger('KEEL_BACKUP_JOBS', env.KEEL_BACKUP_JOBS, 2),
    purgeSweepSeconds: positiveInteger('KEEL_PURGE_SWEEP_SECONDS', env.KEEL_PURGE_SWEEP_SECONDS, 300),
    sweepSeconds: positiveInteger('KEEL_SWEEP_SECONDS', env.KEEL_SWEEP_SECONDS, 30),
    cronTimeoutSeconds: positiveInteger('KEEL_CRON_TIMEOUT_SECONDS', env.KEEL_CRON_TIMEOUT_SECONDS, 900),
    metricsToken: metricsToken(env.KEEL_METRICS_TOKEN),
    logBounds: {
      maxBytes:
        positiveInteger('KEEL_LOG_MAX_MB', env.KEEL_LOG_MAX_MB, defaultLogBounds.maxBytes / 1024 / 1024) *
        1024 *
        1024,
      keep: positiveInteger('KEEL_LOG_KEEP', env.KEEL_LOG_KEEP, defaultLogBounds.keep),
      checkMs:
        positiveInteger(
          'KEEL_LOG_CHECK_SECONDS',
          env.KEEL_LOG_CHECK_SECONDS,
          defaultLogBounds.checkMs / 1000,
        ) * 1000,
    },
  };
}
