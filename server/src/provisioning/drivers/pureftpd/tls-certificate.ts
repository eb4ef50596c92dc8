import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { readIfExists, writeFileAtomic } from '../files/atomic-file.js';

const run = promisify(execFile);

/**
 * Puts the key and certificate pure-ftpd serves into `certFile` (mode 0600): the operator's
 * (KEEL_FTP_TLS_CERT/_KEY, copied at every start so a renewed one is picked up), else a
 * self-signed one made at the first start and kept.
 */
export async function ensureFtpCertificate(
  certFile: string,
  given: { cert: string; key: string } | null,
): Promise<void> {
  if (given !== null) {
    const [key, cert] = await Promise.all([readFile(given.key, 'utf8'), readFile(given.cert, 'utf8')]);
    await writeFileAtomic(certFile, `${key.trimEnd()}\n${cert.trimEnd()}\n`, { mode: 0o600 });
    return;
  }
  if ((await readIfExists(certFile)) !== undefined) return;
  const { stdout } = await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:3072',
    '-nodes',
    '-keyout',
    '-',
    '-out',
    '-',
    '-days',
    '3650',
    '-subj',
    '/CN=Keel FTP',
  ]);
  await writeFileAtomic(certFile, stdout, { mode: 0o600 });
}
