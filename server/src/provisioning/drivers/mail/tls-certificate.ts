import { execFile } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A self-signed certificate for STARTTLS, made at the first start when the operator gave none:
 * submission and IMAP/POP3 logins then never travel in clear text. A given one is used as it is.
 */
export async function ensureTlsCertificate(
  certificate: string,
  key: string,
  hostname: string,
): Promise<void> {
  const present = await Promise.all(
    [certificate, key].map((file) =>
      access(file).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (present.every(Boolean)) return;
  await mkdir(path.dirname(certificate), { recursive: true, mode: 0o700 });
  await mkdir(path.dirname(key), { recursive: true, mode: 0o700 });
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '3650',
    '-subj',
    `/CN=${hostname}`,
    '-keyout',
    key,
    '-out',
    certificate,
  ]);
}
