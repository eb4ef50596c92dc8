import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { connect as startTls, type TLSSocket } from 'node:tls';

/** Reads from the socket until `pattern` matches what came; resolves to the match. */
async function answer(socket: Socket | TLSSocket, pattern: RegExp): Promise<RegExpExecArray> {
  let received = '';
  for (;;) {
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    received += chunk.toString('latin1');
    const match = pattern.exec(received);
    if (match) return match;
  }
}

/**
 * One IMAP login (STARTTLS, then LOGIN) from `localAddress`: whether it was accepted. Any
 * 127.x.y.z reaches Keel's loopback Dovecot; each attempt comes from an address of its own, so
 * Dovecot's penalty for an address that failed (up to 15 s before its next answer) is never what
 * is measured.
 */
export async function imapLoginAccepted(
  port: number,
  localAddress: string,
  user: string,
  password: string,
): Promise<boolean> {
  const plain = connect({ host: '127.0.0.1', port, localAddress });
  plain.setTimeout(30_000, () => plain.destroy(new Error(`no answer to an IMAP login from ${localAddress}`)));
  try {
    await once(plain, 'connect');
    await answer(plain, /^\* OK.*\r\n/m);
    plain.write('s STARTTLS\r\n');
    await answer(plain, /^s OK.*\r\n/m);
    const secure = startTls({ socket: plain, rejectUnauthorized: false });
    await once(secure, 'secureConnect');
    secure.write(`a LOGIN "${user}" "${password}"\r\n`);
    const [, result] = await answer(secure, /^a (OK|NO|BAD)/m);
    secure.end('b LOGOUT\r\n');
    return result === 'OK';
  } finally {
    plain.destroy();
  }
}
