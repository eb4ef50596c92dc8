import { readFile } from 'node:fs/promises';
import type { MailOwner } from './dovecot-conf.js';

/**
 * A system account's numbers from /etc/passwd: Debian's `mail` owns the mail store Dovecot writes
 * as, `postfix` owns Postfix's data directory.
 */
export async function systemAccount(name: string, passwd = '/etc/passwd'): Promise<MailOwner> {
  const line = (await readFile(passwd, 'utf8')).split('\n').find((entry) => entry.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!line || !/^\d+$/.test(uid ?? '') || !/^\d+$/.test(gid ?? ''))
    throw new Error(`the system account "${name}" was not found in ${passwd}`);
  return { uid: Number(uid), gid: Number(gid) };
}
