import type { MailLayout } from './layout.js';

/**
 * Keel's own opendkim.conf: a signer only, in the foreground as Keel's child, on a unix socket
 * that only Postfix's group may reach. Postfix hands it the submission port's mail alone, so what
 * it signs is mail a customer sent with its password; a domain without a key goes out unsigned.
 * SIGUSR1 makes it read this file and both tables again.
 */
export function renderOpendkimConf(layout: MailLayout, pidFile: string): string {
  return `${[
    'Background no',
    'Mode s',
    'Syslog no',
    'UserID opendkim:postfix',
    'UMask 007',
    `Socket local:${layout.dkimSocket}`,
    `PidFile ${pidFile}`,
    `KeyTable file:${layout.dkimKeyTable}`,
    `SigningTable file:${layout.dkimSigningTable}`,
    'Canonicalization relaxed/simple',
    'SignatureAlgorithm rsa-sha256',
    // A From: added after signing would break the signature rather than pass as signed.
    'OversignHeaders From',
    // Keel writes each key 0600 and OpenDKIM's own in a 0700 directory of OpenDKIM's; OpenDKIM's
    // own check also refuses a key anywhere below a directory others may write to, even one with
    // the sticky bit (a KEEL_DATA_DIR under /tmp), which protects nothing more here.
    'RequireSafeKeys no',
  ].join('\n')}\n`;
}
