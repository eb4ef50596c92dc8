import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A self-signed certificate (P-256) for `names`, valid from now for `days`, made by openssl. */
export async function selfSignedCertificate(
  names: string[],
  days = 30,
): Promise<{ certificate: string; privateKey: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'keel-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const certificate = path.join(dir, 'cert.pem');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      certificate,
      '-days',
      String(days),
      '-subj',
      `/CN=${names[0]}`,
      '-addext',
      `subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`,
    ]);
    return { certificate: await readFile(certificate, 'utf8'), privateKey: await readFile(key, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
