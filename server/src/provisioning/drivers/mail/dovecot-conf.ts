import type { MailLayout } from './layout.js';
import type { MailListen } from './mail-listen.js';

/** The system account the mail store belongs to (Debian's `mail`), by number. */
export interface MailOwner {
  uid: number;
  gid: number;
}

function listener(service: string, name: string, port: number | null): string {
  // Port 0 turns a listener off; the TLS-on-connect ones (imaps, pop3s) are always off: STARTTLS.
  return `service ${service}-login {
  inet_listener ${name} {
    port = ${port ?? 0}
  }
  inet_listener ${name}s {
    port = 0
  }
}`;
}

/**
 * Keel's own dovecot.conf: its own base_dir, state_dir and instance name, so it never meets the
 * machine's Dovecot. Logins are checked against one passwd-file of argon2id hashes, after a
 * `deny = yes` passdb of refused addresses (a suspended customer's: unlike `nologin`, it also
 * refuses SMTP AUTH and does not reveal that the password was right). That one is a `file:` dict,
 * not a passwd-file: Dovecot looks at a passwd-file at most once a second (the first login of
 * each second), so a suspension written just after a login waited for the next second; a file
 * dict is checked at every login. Delivery is LMTP on a unix socket only Postfix may use; SMTP
 * AUTH asks the auth socket beside it.
 */
export function renderDovecotConf(layout: MailLayout, listen: MailListen, owner: MailOwner): string {
  const protocols = [
    'lmtp',
    ...(listen.imap === null ? [] : ['imap']),
    ...(listen.pop3 === null ? [] : ['pop3']),
  ];
  return `instance_name = keel-mail-${owner.uid}-${listen.smtp}
base_dir = ${layout.dovecotRunDir}
state_dir = ${layout.dovecotStateDir}
protocols = ${protocols.join(' ')}
listen = ${listen.host}
log_path = /dev/stderr
ssl = yes
ssl_cert = <${layout.tlsCertificate}
ssl_key = <${layout.tlsKey}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login
auth_failure_delay = 2 secs
mail_location = maildir:~/Maildir
mail_uid = ${owner.uid}
mail_gid = ${owner.gid}
first_valid_uid = ${owner.uid}
last_valid_uid = ${owner.uid}
first_valid_gid = ${owner.gid}
mail_plugins = quota
default_internal_user = dovecot
default_login_user = dovenull
passdb {
  driver = dict
  args = ${layout.deniedDictConfig}
  deny = yes
}
passdb {
  driver = passwd-file
  args = scheme=ARGON2ID username_format=%Lu ${layout.usersFile}
}
userdb {
  driver = passwd-file
  args = username_format=%Lu ${layout.usersFile}
}
plugin {
  quota = count:Mailbox
  quota_vsizes = yes
}
protocol lmtp {
  mail_plugins = $mail_plugins
}
protocol imap {
  mail_plugins = $mail_plugins imap_quota
}
${listener('imap', 'imap', listen.imap)}
${listener('pop3', 'pop3', listen.pop3)}
service lmtp {
  unix_listener lmtp {
    mode = 0600
  }
  unix_listener ${layout.lmtpSocket} {
    mode = 0600
    user = postfix
  }
}
service auth {
  unix_listener ${layout.authSocket} {
    mode = 0600
    user = postfix
  }
}
`;
}

/**
 * The configuration of the deny passdb's dict: one key per refused address, `shared/passdb/<address>`
 * (Dovecot puts the `shared/` in front of every key it asks a dict for), whose value is an empty
 * JSON object: being found is the refusal, so the file holds no password, not even a hash.
 */
export function renderDeniedDictConf(layout: MailLayout): string {
  return `uri = file:${layout.deniedFile}
iterate_disable = yes
key passdb {
  key = passdb/%Lu
  format = json
}
passdb_objects = passdb
`;
}
