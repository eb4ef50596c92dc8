import path from 'node:path';
import { findExecutable, isExecutable } from '../process/find-executable.js';

export interface MailBinaries {
  /** The postfix command: `postfix check` prepares the queue of Keel's instance. */
  postfix: string;
  /** Postfix's master daemon, run in the foreground as Keel's child. */
  master: string;
  postmap: string;
  dovecot: string;
  doveadm: string;
  /** Signs the mail customers send (Debian's opendkim). */
  opendkim: string;
}

/** Debian's Postfix, Dovecot and OpenDKIM, from PATH or /usr/sbin; undefined when any part is missing. */
export async function findMailBinaries(
  env: NodeJS.ProcessEnv = process.env,
): Promise<MailBinaries | undefined> {
  const sbin = ['/usr/sbin', '/usr/bin'];
  const [postfix, postmap, dovecot, doveadm, opendkim] = await Promise.all(
    ['postfix', 'postmap', 'dovecot', 'doveadm', 'opendkim'].map((name) => findExecutable(name, sbin, env)),
  );
  // Debian's daemon_directory; postfix itself names it in `postconf -h daemon_directory`.
  const master = path.join('/usr/lib/postfix/sbin', 'master');
  if (!postfix || !postmap || !dovecot || !doveadm || !opendkim || !(await isExecutable(master)))
    return undefined;
  return { postfix, master, postmap, dovecot, doveadm, opendkim };
}
