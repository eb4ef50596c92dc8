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

/** One IMAP LOGIN: when the command was sent, when its answer came, and whether it was accepted. */
export interface LoginAttempt {
  sent: number;
  answered: number;
  accepted: boolean;
}

/**
 * One IMAP login (STARTTLS, then LOGIN) from `localAddress`. `onSent` is called when the LOGIN
 * command leaves, after the TLS handshake: that is when Dovecot can first look the mailbox up, so
 * a refusal, whose answer Dovecot delays by its failure delay, is dated by it. Any 127.x.y.z
 * reaches Keel's loopback Dovecot; each attempt comes from an address of its own, so Dovecot's
 * penalty for an address that failed (up to 15 s before its next answer) is never what is measured.
 */
export async function imapLogin(
  port: number,
  localAddress: string,
  user: string,
  password: string,
  onSent: (sent: number) => void = () => undefined,
): Promise<LoginAttempt> {
  const plain = connect({ host: '127.0.0.1', port, localAddress });
  plain.setTimeout(30_000, () => plain.destroy(new Error(`no answer to an IMAP login from ${localAddress}`)));
  try {
    await once(plain, 'connect');
    await answer(plain, /^\* OK.*\r\n/m);
    plain.write('s STARTTLS\r\n');
    await answer(plain, /^s OK.*\r\n/m);
    const secure = startTls({ socket: plain, rejectUnauthorized: false });
    await once(secure, 'secureConnect');
    const sent = performance.now();
    secure.write(`a LOGIN "${user}" "${password}"\r\n`);
    onSent(sent);
    const [, result] = await answer(secure, /^a (OK|NO|BAD)/m);
    const answered = performance.now();
    secure.end('b LOGOUT\r\n');
    return { sent, answered, accepted: result === 'OK' };
  } finally {
    plain.destroy();
  }
}
