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

/** A connection ready for LOGIN, TLS done: `login` sends it once, `close` gives it up unused. */
export interface PreparedLogin {
  login(user: string, password: string): Promise<LoginAttempt>;
  close(): void;
}

/**
 * Connects from `localAddress` and completes STARTTLS, so that a LOGIN sent later leaves at once:
 * Dovecot starts a login process and a TLS handshake per connection, which on a loaded machine
 * takes longer than the LOGIN itself. The LOGIN's sending is when Dovecot can first look the
 * mailbox up, so a refusal, whose answer Dovecot delays by its failure delay, is dated by it. Any
 * 127.x.y.z reaches Keel's loopback Dovecot; each attempt comes from an address of its own, so
 * Dovecot's penalty for an address that failed (up to 15 s before its next answer) is never what
 * is measured.
 */
export async function prepareImapLogin(port: number, localAddress: string): Promise<PreparedLogin> {
  const plain = connect({ host: '127.0.0.1', port, localAddress });
  plain.setTimeout(60_000, () => plain.destroy(new Error(`no answer to an IMAP login from ${localAddress}`)));
  try {
    await once(plain, 'connect');
    await answer(plain, /^\* OK.*\r\n/m);
    plain.write('s STARTTLS\r\n');
    await answer(plain, /^s OK.*\r\n/m);
    const secure = startTls({ socket: plain, rejectUnauthorized: false });
    // Its own timeout: the plain socket's, once wrapped, would leave a LOGIN waiting for ever.
    secure.setTimeout(60_000, () =>
      secure.destroy(new Error(`no answer to an IMAP LOGIN from ${localAddress}`)),
    );
    await once(secure, 'secureConnect');
    return {
      async login(user, password) {
        try {
          const sent = performance.now();
          secure.write(`a LOGIN "${user}" "${password}"\r\n`);
          const [, result] = await answer(secure, /^a (OK|NO|BAD)/m);
          const answered = performance.now();
          secure.end('b LOGOUT\r\n');
          return { sent, answered, accepted: result === 'OK' };
        } finally {
          plain.destroy();
        }
      },
      close: () => plain.destroy(),
    };
  } catch (error) {
    plain.destroy();
    throw error;
  }
}

/** One IMAP login from `localAddress` (see prepareImapLogin). */
export async function imapLogin(
  port: number,
  localAddress: string,
  user: string,
  password: string,
): Promise<LoginAttempt> {
  return (await prepareImapLogin(port, localAddress)).login(user, password);
}
