import { type MailLayout, mapFile } from './layout.js';
import { type MailListen, postfixEndpoint } from './mail-listen.js';

const lmdb = (layout: MailLayout, name: Parameters<typeof mapFile>[1]) => `lmdb:${mapFile(layout, name)}`;

/**
 * Keel's own main.cf: only virtual domains, from Keel's lmdb maps, delivered to Dovecot over
 * LMTP on a unix socket. Nothing is relayed without SMTP AUTH (no permit_mynetworks anywhere), so
 * Keel is never an open relay; local delivery and /etc/aliases are off.
 */
export function renderMainCf(layout: MailLayout, listen: MailListen): string {
  return `${[
    'compatibility_level = 3.6',
    `config_directory = ${layout.postfixConfigDir}`,
    `queue_directory = ${layout.postfixQueueDir}`,
    `data_directory = ${layout.postfixDataDir}`,
    'mail_owner = postfix',
    'setgid_group = postdrop',
    'multi_instance_directories =',
    // Postfix's log to master's stderr, which Keel's supervisor reads (there may be no syslog).
    'maillog_file_prefixes = /dev/stderr',
    'maillog_file = /dev/stderr',
    `myhostname = ${listen.hostname}`,
    'mydestination =',
    'mynetworks = 127.0.0.1/32',
    'local_recipient_maps =',
    'local_transport = error:local delivery is disabled',
    'alias_maps =',
    'alias_database =',
    `inet_protocols = ${listen.host.includes(':') ? 'ipv6' : 'ipv4'}`,
    'biff = no',
    'smtputf8_enable = no',
    'smtpd_banner = $myhostname ESMTP',
    // No reverse lookups of clients: senders are accepted whether their names resolve or not.
    'smtpd_peername_lookup = no',
    `virtual_mailbox_domains = ${lmdb(layout, 'domains')}`,
    `virtual_mailbox_maps = ${lmdb(layout, 'mailboxes')}`,
    `virtual_alias_maps = ${lmdb(layout, 'aliases')}`,
    `virtual_transport = lmtp:unix:${layout.lmtpSocket}`,
    'smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination',
    // 450 for a deleted customer's addresses, 550 for switched-off ones, before anything else.
    `smtpd_recipient_restrictions = check_recipient_access ${lmdb(layout, 'recipient_access')}, reject_unauth_destination`,
    `smtpd_sender_login_maps = ${lmdb(layout, 'sender_logins')}`,
    'smtpd_sasl_type = dovecot',
    `smtpd_sasl_path = ${layout.authSocket}`,
    'smtpd_sasl_auth_enable = no',
    `smtpd_tls_cert_file = ${layout.tlsCertificate}`,
    `smtpd_tls_key_file = ${layout.tlsKey}`,
    'smtpd_tls_security_level = may',
    'smtp_tls_security_level = may',
  ].join('\n')}\n`;
}

// The services a Postfix needs besides its listeners, none chrooted (no copy of /etc in the queue).
const internalServices = `pickup    unix  n - n 60    1 pickup
cleanup   unix  n - n -     0 cleanup
qmgr      unix  n - n 300   1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n -     - trivial-rewrite
bounce    unix  - - n -     0 bounce
defer     unix  - - n -     0 bounce
trace     unix  - - n -     0 bounce
verify    unix  - - n -     1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -     - proxymap
smtp      unix  - - n -     - smtp
relay     unix  - - n -     - smtp
showq     unix  n - n -     - showq
error     unix  - - n -     - error
retry     unix  - - n -     - error
discard   unix  - - n -     - discard
lmtp      unix  - - n -     - lmtp
anvil     unix  - - n -     1 anvil
scache    unix  - - n -     1 scache
postlog   unix-dgram n - n - 1 postlogd
`;

/**
 * Inbound SMTP on the SMTP port; on the submission port, only a client that started TLS and
 * authenticated may send, only as one of its own addresses, and its mail is DKIM-signed.
 */
export function renderMasterCf(layout: MailLayout, listen: MailListen): string {
  const lines = [`${postfixEndpoint(listen.host, listen.smtp)} inet n - n - - smtpd`];
  if (listen.submission !== null) {
    lines.push(
      `${postfixEndpoint(listen.host, listen.submission)} inet n - n - - smtpd`,
      '  -o syslog_name=postfix/submission',
      '  -o smtpd_tls_security_level=encrypt',
      '  -o smtpd_tls_auth_only=yes',
      '  -o smtpd_sasl_auth_enable=yes',
      '  -o smtpd_client_restrictions=permit_sasl_authenticated,reject',
      '  -o smtpd_sender_restrictions=reject_sender_login_mismatch',
      '  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject',
      // OpenDKIM signs what is sent here; while it is down, senders are asked to retry (4xx)
      // rather than their mail going out unsigned.
      `  -o smtpd_milters=unix:${layout.dkimSocket}`,
      '  -o milter_default_action=tempfail',
    );
  }
  return `${lines.join('\n')}\n${internalServices}`;
}
