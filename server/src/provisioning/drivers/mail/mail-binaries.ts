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
}

/** Debian's Postfix and Dovecot, from PATH or /usr/sbin; undefined when any part is missing. */
export async function findMailBinaries(
  env: NodeJS.ProcessEnv = process.env,
): Promise<MailBinaries | undefined> {
  const sbin = ['/usr/sbin', '/usr/bin'];
  const [postfix, postmap, dovecot, doveadm] = await Promise.all(
    ['postfix', 'postmap', 'dovecot', 'doveadm'].map((name) => findExecutable(name, sbin, env)),
  );
  // Debian's daemon_directory; postfix itself names it in `postconf -h daemon_directory`.
  const master = path.join('/usr/lib/postfix/sbin', 'master');
  if (!postfix || !postmap || !dovecot || !doveadm || !(await isExecutable(master))) return undefined;
  return { postfix, master, postmap, dovecot, doveadm };
}
