import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The file in KEEL_DATA_DIR holding the key that encrypts every repository's password. */
export const backupKeyFile = (dataDir: string) => path.join(dataDir, 'backup-key');

const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'v1';

function parseKey(raw: string, where: string): Buffer {
  const trimmed = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${where} must hold 32 bytes, as 64 hex digits or base64`);
  return key;
}

/**
 * The backup key: KEEL_SECRET_KEY when the operator gives one, else `backup-key` in the data
 * directory, made (0600) at first use. Without it no repository password can be read.
 */
export async function loadBackupKey(dataDir: string, secretKey: string | null): Promise<Buffer> {
  if (secretKey) return parseKey(secretKey, 'KEEL_SECRET_KEY');
  const file = backupKeyFile(dataDir);
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing !== null) return parseKey(existing, file);
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // `wx`: a key written meanwhile by another process is kept and read back, never replaced.
  await writeFile(file, `${key.toString('hex')}\n`, { flag: 'wx', mode: 0o600 }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return parseKey(await readFile(file, 'utf8'), file);
}

/** AES-256-GCM, bound to the customer (as associated data) so a row copied to another customer fails. */
export function sealPassword(key: Buffer, customerId: string, password: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(customerId));
  const sealed = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return [FORMAT, ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64'))].join(':');
}

export function openPassword(key: Buffer, customerId: string, stored: string): string {
  const [format, iv, tag, sealed] = stored.split(':');
  if (format !== FORMAT || !iv || !tag || !sealed) {
    throw new Error('the stored repository password is not in a known format');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(customerId));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('the repository password does not open with this backup key (was the key replaced?)');
  }
}

/** A new repository password: 256 random bits. */
export const newRepositoryPassword = () => randomBytes(32).toString('base64url');
