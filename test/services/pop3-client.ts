import { connect, type Socket } from 'node:net';

/**
 * Just enough POP3 (RFC 1939) for tests: no kept npm library speaks it, and Dovecot's answers are
 * one line each except RETR and LIST, which end with a line holding a single dot.
 */
export class Pop3Session {
  private buffer = '';
  private waiting: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.waiting?.();
    });
  }

  /** Connects and reads the greeting. */
  static async open(port: number, host = '127.0.0.1'): Promise<Pop3Session> {
    const socket = connect({ host, port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const session = new Pop3Session(socket);
    await session.reply(false);
    return session;
  }

  /** USER and PASS; resolves to Dovecot's answer to PASS (+OK … or -ERR …). */
  async login(user: string, password: string): Promise<string> {
    await this.command(`USER ${user}`);
    return this.command(`PASS ${password}`);
  }

  /** The number of messages in the mailbox (STAT). */
  async count(): Promise<number> {
    const answer = await this.command('STAT');
    const match = /^\+OK (\d+) /.exec(answer);
    if (!match) throw new Error(`STAT answered ${answer}`);
    return Number(match[1]);
  }

  /** The message numbered `index` (1-based), as sent. */
  retrieve(index: number): Promise<string> {
    return this.command(`RETR ${index}`, true);
  }

  async quit(): Promise<void> {
    await this.command('QUIT').catch(() => undefined);
    this.socket.destroy();
  }

  command(line: string, multiline = false): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return this.reply(multiline);
  }

  private async reply(multiline: boolean): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const end = this.endOfReply(multiline);
      if (end >= 0) {
        const reply = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end);
        return reply;
      }
      if (Date.now() > deadline || this.socket.destroyed) throw new Error(`POP3: no reply in ${this.buffer}`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 100);
      });
    }
  }

  private endOfReply(multiline: boolean): number {
    const firstLine = this.buffer.indexOf('\r\n');
    if (firstLine < 0) return -1;
    if (!multiline || this.buffer.startsWith('-ERR')) return firstLine + 2;
    const end = this.buffer.indexOf('\r\n.\r\n');
    return end < 0 ? -1 : end + 5;
  }
}
