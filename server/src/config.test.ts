import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has defaults that need nothing installed', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: resolve('./data'),
      databaseUrl: null,
      adminEmail: null,
      adminPassword: null,
      trustedProxies: [],
      logLevel: 'info',
      purgeSweepSeconds: 300,
      sweepSeconds: 30,
      dnsPort: null,
      dnsHost: '127.0.0.1',
      pdnsBin: null,
    });
    expect(config.homesDir).toBe(resolve('./data/homes'));
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '9090',
      KEEL_DATA_DIR: '/srv/keel',
      DATABASE_URL: 'postgresql://keel@db.internal/keel',
      KEEL_ADMIN_EMAIL: ' ops@example.test ',
      KEEL_ADMIN_PASSWORD: 'a long and private passphrase',
      KEEL_TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16, ::1',
      LOG_LEVEL: 'warn',
      KEEL_PURGE_SWEEP_SECONDS: '60',
      KEEL_SWEEP_SECONDS: '5',
      KEEL_DNS_PORT: '5300',
      KEEL_DNS_HOST: '192.0.2.53',
      KEEL_PDNS_BIN: '/opt/pdns/sbin/pdns_server',
      KEEL_DNS_NAMESERVERS: 'NS1.Example.net, ns2.example.net',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9090,
      dataDir: '/srv/keel',
      databaseUrl: 'postgresql://keel@db.internal/keel',
      adminEmail: 'ops@example.test',
      adminPassword: 'a long and private passphrase',
      trustedProxies: ['10.0.0.1', '192.168.0.0/16', '::1'],
      logLevel: 'warn',
      homesDir: '/srv/keel/homes',
      purgeSweepSeconds: 60,
      sweepSeconds: 5,
      dnsPort: 5300,
      dnsHost: '192.0.2.53',
      pdnsBin: '/opt/pdns/sbin/pdns_server',
      nameservers: ['ns1.example.net', 'ns2.example.net'],
    });
  });

  const wrong: [string, Record<string, string>, RegExp][] = [
    ['a port that is not a number', { PORT: 'http' }, /PORT/],
    ['a port out of range', { PORT: '70000' }, /PORT/],
    ['a DNS address that is not an IP', { KEEL_DNS_HOST: 'dns.example.net' }, /KEEL_DNS_HOST/],
    [
      'a name server that is not a host name',
      { KEEL_DNS_NAMESERVERS: 'ns1.example.net, ns 2' },
      /KEEL_DNS_NAMESERVERS/,
    ],
    ['a database URL of another kind', { DATABASE_URL: 'mysql://root@localhost/keel' }, /DATABASE_URL/],
    [
      'a trusted proxy that is not an address',
      { KEEL_TRUSTED_PROXIES: 'proxy.example.test' },
      /KEEL_TRUSTED_PROXIES/,
    ],
    ['a purge sweep of zero seconds', { KEEL_PURGE_SWEEP_SECONDS: '0' }, /KEEL_PURGE_SWEEP_SECONDS/],
    ['a sweep of half a second', { KEEL_SWEEP_SECONDS: '0.5' }, /KEEL_SWEEP_SECONDS/],
  ];
  it.each(wrong)('refuses %s, naming the variable', (_, env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it("names the machine's own name server only when its host name is a full one", () => {
    expect(loadConfig({}, 'dns1.provider.example').nameservers).toEqual(['dns1.provider.example']);
    expect(loadConfig({}, 'vm').nameservers).toEqual([]);
    expect(() => loadConfig({ KEEL_DNS_PORT: '5300' }, 'vm')).toThrow(/KEEL_DNS_NAMESERVERS must be set/);
    expect(
      loadConfig({ KEEL_DNS_PORT: '5300', KEEL_DNS_NAMESERVERS: 'ns1.example.net' }, 'vm').nameservers,
    ).toEqual(['ns1.example.net']);
  });

  it('reads the mail settings, mail off and on loopback by default', () => {
    expect(loadConfig({}, 'vm').mail).toEqual({
      smtpPort: null,
      submissionPort: null,
      imapPort: null,
      pop3Port: null,
      host: '127.0.0.1',
      hostname: 'localhost.localdomain',
      storeDir: null,
      tlsCertificate: null,
      tlsKey: null,
    });
    const mail = loadConfig(
      {
        KEEL_SMTP_PORT: '25',
        KEEL_SUBMISSION_PORT: '587',
        KEEL_IMAP_PORT: '143',
        KEEL_POP3_PORT: '110',
        KEEL_MAIL_HOST: '192.0.2.25',
        KEEL_MAIL_HOSTNAME: 'Mail.Provider.Example',
        KEEL_MAIL_DIR: '/srv/mail',
        KEEL_MAIL_TLS_CERT: '/etc/ssl/mail.pem',
        KEEL_MAIL_TLS_KEY: '/etc/ssl/mail.key',
      },
      'vm',
    ).mail;
    expect(mail).toEqual({
      smtpPort: 25,
      submissionPort: 587,
      imapPort: 143,
      pop3Port: 110,
      host: '192.0.2.25',
      hostname: 'mail.provider.example',
      storeDir: '/srv/mail',
      tlsCertificate: '/etc/ssl/mail.pem',
      tlsKey: '/etc/ssl/mail.key',
    });
    expect(() => loadConfig({ KEEL_SMTP_PORT: 'smtp' })).toThrow(/KEEL_SMTP_PORT/);
    expect(() => loadConfig({ KEEL_MAIL_HOST: 'mail.example' })).toThrow(/KEEL_MAIL_HOST/);
    expect(() => loadConfig({ KEEL_MAIL_TLS_CERT: '/etc/ssl/mail.pem' })).toThrow(/set together/);
  });

  it('reads the FTP settings together, and refuses one without the other', () => {
    expect(loadConfig({}).ftp).toBeNull();
    expect(
      loadConfig({
        KEEL_FTP_PORT: '2121',
        KEEL_FTP_PASSIVE_PORTS: '30000-30099',
        KEEL_FTP_PUBLIC_IP: '203.0.113.7',
      }).ftp,
    ).toEqual({
      port: 2121,
      host: '0.0.0.0',
      passivePorts: { low: 30000, high: 30099 },
      publicIp: '203.0.113.7',
      tlsCert: null,
      tlsKey: null,
    });
    expect(() => loadConfig({ KEEL_FTP_PORT: '2121' })).toThrow(/KEEL_FTP_PASSIVE_PORTS/);
    expect(() => loadConfig({ KEEL_FTP_PORT: '2121', KEEL_FTP_PASSIVE_PORTS: '30099-30000' })).toThrow(
      /KEEL_FTP_PASSIVE_PORTS must be a range/,
    );
    expect(() =>
      loadConfig({
        KEEL_FTP_PORT: '2121',
        KEEL_FTP_PASSIVE_PORTS: '30000-30099',
        KEEL_FTP_TLS_CERT: '/x.pem',
      }),
    ).toThrow(/KEEL_FTP_TLS_KEY/);
    expect(() =>
      loadConfig({ KEEL_FTP_PORT: '2121', KEEL_FTP_PASSIVE_PORTS: '30000-30099', KEEL_FTP_PUBLIC_IP: 'nat' }),
    ).toThrow(/KEEL_FTP_PUBLIC_IP/);
  });

  it('keeps a restic repository URL as KEEL_BACKUP_DIR as given, and makes a directory absolute', () => {
    expect(loadConfig({ KEEL_BACKUP_DIR: 'sftp:backup@store:/srv/keel/' }).backupDir).toBe(
      'sftp:backup@store:/srv/keel',
    );
    expect(loadConfig({ KEEL_BACKUP_DIR: 'rest:https://store:8000/keel' }).backupDir).toBe(
      'rest:https://store:8000/keel',
    );
    expect(loadConfig({ KEEL_BACKUP_DIR: 'backups' }).backupDir).toBe(resolve('backups'));
  });
});
