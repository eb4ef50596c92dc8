import { connect } from 'node:net';

const PROBE_TIMEOUT_MS = 2_000;

/** True when an FTP server greets (220) on host:port; a wildcard host is asked on loopback. */
export function answersFtp(host: string, port: number): Promise<boolean> {
  const target = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return new Promise((resolve) => {
    const socket = connect({ host: target, port });
    let greeting = '';
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('error', () => done(false));
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      greeting += chunk;
      if (greeting.includes('\n')) done(greeting.startsWith('220'));
    });
  });
}
