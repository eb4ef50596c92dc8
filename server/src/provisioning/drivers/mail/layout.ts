import path from 'node:path';
import { assertSafePath } from '../files/safe-path.js';

/**
 * Where Keel's private Postfix and Dovecot keep everything, under one directory of Keel's state
 * dir. Postfix's queue is not inside its configuration directory: postfix's own checks want
 * everything under the configuration directory owned by root, and the queue belongs to postfix.
 */
export interface MailLayout {
  root: string;
  /** What Keel applied, one JSON file per mailbox or alias: the maps are built from these alone. */
  stateDir: string;
  postfixConfigDir: string;
  postfixQueueDir: string;
  postfixDataDir: string;
  /** Postfix's master writes its pid here. */
  postfixPidFile: string;
  dovecotConfigFile: string;
  /** Dovecot's base_dir: its sockets (LMTP and auth for Postfix) and master.pid. */
  dovecotRunDir: string;
  dovecotStateDir: string;
  dovecotPidFile: string;
  /** Root's, group dovecot, setgid: Dovecot's auth process (user dovecot) reads the files in it. */
  passwdDir: string;
  /** The passwd-file that is Dovecot's passdb and userdb: one argon2id hash per mailbox. */
  usersFile: string;
  /**
   * The addresses whose login is refused: a `file:` dict behind a `deny = yes` passdb, asked first.
   * Dovecot compares its inode at every login, so each version renamed over is seen at once.
   */
  deniedFile: string;
  /** The dict passdb's own configuration: where the denied file is and how its keys are named. */
  deniedDictConfig: string;
  /** Dovecot's LMTP socket that Postfix delivers to, and its auth socket for SMTP AUTH. */
  lmtpSocket: string;
  authSocket: string;
  tlsCertificate: string;
  tlsKey: string;
  /** The mail store: one directory per mailbox (its home; Maildir inside). */
  storeDir: string;
  /** OpenDKIM's configuration, key table and signing table (root's, readable by OpenDKIM). */
  opendkimConfigFile: string;
  dkimKeyTable: string;
  dkimSigningTable: string;
  /** One private key per domain, `<domain>.pem`: OpenDKIM's alone (0700 directory, 0600 files). */
  dkimKeysDir: string;
  /** OpenDKIM's milter socket, which only Postfix (group postfix) may use. */
  dkimRunDir: string;
  dkimSocket: string;
}

export interface MailPaths {
  /** KEEL_MAIL_DIR: the mail store elsewhere than under the state directory. */
  storeDir?: string | null;
  /** KEEL_MAIL_TLS_CERT and _KEY: the operator's certificate instead of the one generated. */
  tlsCertificate?: string | null;
  tlsKey?: string | null;
}

export function mailLayout(stateDir: string, paths: MailPaths = {}): MailLayout {
  const root = assertSafePath(path.resolve(stateDir), 'mail state directory');
  const postfix = path.join(root, 'postfix');
  const dovecot = path.join(root, 'dovecot');
  const run = path.join(dovecot, 'run');
  const opendkim = path.join(root, 'opendkim');
  return {
    root,
    stateDir: path.join(root, 'applied'),
    postfixConfigDir: path.join(postfix, 'config'),
    postfixQueueDir: path.join(postfix, 'queue'),
    postfixDataDir: path.join(postfix, 'data'),
    postfixPidFile: path.join(postfix, 'queue', 'pid', 'master.pid'),
    dovecotConfigFile: path.join(dovecot, 'dovecot.conf'),
    dovecotRunDir: run,
    dovecotStateDir: path.join(dovecot, 'state'),
    dovecotPidFile: path.join(run, 'master.pid'),
    passwdDir: path.join(dovecot, 'passwd'),
    usersFile: path.join(dovecot, 'passwd', 'users'),
    deniedFile: path.join(dovecot, 'passwd', 'denied'),
    deniedDictConfig: path.join(dovecot, 'denied-dict.conf'),
    lmtpSocket: path.join(run, 'lmtp-postfix'),
    authSocket: path.join(run, 'auth-postfix'),
    tlsCertificate: assertSafePath(
      path.resolve(paths.tlsCertificate ?? path.join(root, 'tls', 'certificate.pem')),
      'mail TLS certificate',
    ),
    tlsKey: assertSafePath(path.resolve(paths.tlsKey ?? path.join(root, 'tls', 'key.pem')), 'mail TLS key'),
    storeDir: assertSafePath(
      path.resolve(paths.storeDir ?? path.join(root, 'store')),
      'mail store directory',
    ),
    opendkimConfigFile: path.join(opendkim, 'opendkim.conf'),
    dkimKeyTable: path.join(opendkim, 'key-table'),
    dkimSigningTable: path.join(opendkim, 'signing-table'),
    dkimKeysDir: path.join(opendkim, 'keys'),
    dkimRunDir: path.join(opendkim, 'run'),
    dkimSocket: path.join(opendkim, 'run', 'milter'),
  };
}

/** A Postfix lookup table Keel writes: its source file; postmap makes `<file>.lmdb` of it. */
export const mapFile = (layout: MailLayout, name: MapName) => path.join(layout.postfixConfigDir, name);

export const mapNames = ['domains', 'mailboxes', 'aliases', 'recipient_access', 'sender_logins'] as const;
export type MapName = (typeof mapNames)[number];

/** Mailboxes and aliases apart: each driver's drift check knows only its own kind's ids. */
export type AppliedKind = 'mailbox' | 'alias';
export const appliedDir = (layout: MailLayout, kind: AppliedKind) => path.join(layout.stateDir, kind);
export const appliedFile = (layout: MailLayout, kind: AppliedKind, id: string) =>
  path.join(appliedDir(layout, kind), `${id}.json`);
export const dkimKeyFile = (layout: MailLayout, domain: string) =>
  path.join(layout.dkimKeysDir, `${domain}.pem`);
export const mailboxHome = (layout: MailLayout, id: string) => path.join(layout.storeDir, id);
