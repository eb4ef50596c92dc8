import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadAcme } from './acme-module.js';

/** The ACME account's key: one account per Keel, whatever the CA; made (0600) at first use. */
export const accountKeyFile = (dataDir: string) => path.join(dataDir, 'acme', 'account-key.pem');

export async function loadAccountKey(dataDir: string): Promise<string> {
  const file = accountKeyFile(dataDir);
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing !== null) return existing;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const acme = await loadAcme();
  const key = (await acme.crypto.createPrivateEcdsaKey('P-256')).toString();
  // `wx`: a key another process wrote meanwhile is kept and read back, never replaced.
  await writeFile(file, key, { flag: 'wx', mode: 0o600 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return readFile(file, 'utf8');
}
