import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

// Any DNS answer means a server reads and answers queries; REFUSED is what PowerDNS says for a
// name in no zone it serves.
const ANSWERED = new Set(['EREFUSED', 'ENOTFOUND', 'ENODATA', 'ESERVFAIL']);

/** True when something answers DNS queries at the address PowerDNS listens on. */
export async function answersDns(host: string, port: number): Promise<boolean> {
  const resolver = new Resolver({ timeout: 250, tries: 1 });
  const target = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  resolver.setServers([isIP(target) === 6 ? `[${target}]:${port}` : `${target}:${port}`]);
  try {
    await resolver.resolveSoa('keel-probe.invalid');
    return true;
  } catch (error) {
    return ANSWERED.has((error as NodeJS.ErrnoException).code ?? '');
  }
}
