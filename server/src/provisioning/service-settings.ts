import type { Config, FtpConfig } from '../config.js';
import type { LogBounds } from './drivers/files/log-rotation.js';
import type { AccountHosts } from './drivers/mariadb/mariadb-admin.js';
import type { ServiceLog } from './drivers/process/supervised-process.js';

/** What the services Keel runs are started with; each kind's service reads its own part. */
export interface ServiceSettings {
  dataDir: string;
  homesDir: string;
  /** KEEL_WEB_PORT; null leaves websites unprovisioned. */
  webPort: number | null;
  webHost?: string;
  /** KEEL_WEB_TLS_PORT: HTTPS for the sites with a certificate; null or absent serves none. */
  webTlsPort?: number | null;
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
  /** Keel's Postfix and Dovecot; absent or without an SMTP port, no mail is served. */
  mail?: MailSettings;
  /** KEEL_FTP_*: null leaves FTP accounts unserved. */
  ftp?: FtpConfig | null;
  /** KEEL_LOG_MAX_MB, KEEL_LOG_KEEP, KEEL_LOG_CHECK_SECONDS: the bounds of the services' log files. */
  logBounds?: LogBounds;
  log?: ServiceLog;
}

export interface MailSettings {
  /** KEEL_SMTP_PORT: inbound mail; null serves no mail at all. */
  smtpPort: number | null;
  /** KEEL_SUBMISSION_PORT, KEEL_IMAP_PORT, KEEL_POP3_PORT: null leaves that one off. */
  submissionPort: number | null;
  imapPort: number | null;
  pop3Port: number | null;
  /** KEEL_MAIL_HOST: an IP literal, 127.0.0.1 unless mail is exposed directly. */
  host: string;
  /** KEEL_MAIL_HOSTNAME: the name Postfix greets with. */
  hostname: string;
  /** KEEL_MAIL_DIR: the mail store; null keeps it under KEEL_DATA_DIR. */
  storeDir: string | null;
  /** KEEL_MAIL_TLS_CERT and _KEY; null generates a self-signed one at the first start. */
  tlsCertificate: string | null;
  tlsKey: string | null;
}

/** What to run, in reverse order, to stop what was started. */
export type Stops = Array<() => Promise<void>>;

export function serviceSettings(config: Config, log?: ServiceLog): ServiceSettings {
  return {
    dataDir: config.dataDir,
    homesDir: config.homesDir,
    webPort: config.webPort,
    webTlsPort: config.webTlsPort,
    nginxBin: config.nginxBin,
    mariadbUrl: config.mariadbUrl,
    databaseAccountHosts: config.mariadbUserHosts,
    dnsPort: config.dnsPort,
    dnsHost: config.dnsHost,
    pdnsBin: config.pdnsBin,
    nameservers: config.nameservers,
    mail: config.mail,
    ftp: config.ftp,
    logBounds: config.logBounds,
    log,
  };
}
