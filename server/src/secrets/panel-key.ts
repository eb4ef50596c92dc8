import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The file in KEEL_DATA_DIR holding the panel's key. It is named after its first use (backup
 * repository passwords), and kept so: installs from then on hold their key under this name.
 */
export const panelKeyFile = (dataDir: string) => path.join(dataDir, 'backup-key');

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
 * The panel's key, which seals every secret the panel must read back (backup repository
 * passwords, TLS and DKIM private keys): KEEL_SECRET_KEY when the operator gives one, else the
 * key file in the data directory, made (0600) at first use. Without it none of them can be read.
 */
export async function loadPanelKey(dataDir: string, secretKey: string | null): Promise<Buffer> {
  if (secretKey) return parseKey(secretKey, 'KEEL_SECRET_KEY');
  const file = panelKeyFile(dataDir);
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

/**
 * AES-256-GCM, bound (as associated data) to what the secret belongs to, such as a customer's or
 * a website's id, so a sealed value copied to another row does not open.
 */
export function sealSecret(key: Buffer, boundTo: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [FORMAT, ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64'))].join(':');
}

/** Whether a stored value is sealed, rather than a secret kept in plain text by an older Keel. */
export const isSealed = (stored: string) => stored.startsWith(`${FORMAT}:`);

/** The secret `sealSecret` sealed; `what` names it in the error when it does not open. */
export function openSecret(key: Buffer, boundTo: string, stored: string, what: string): string {
  const [format, iv, tag, sealed] = stored.split(':');
  if (format !== FORMAT || !iv || !tag || !sealed)
    throw new Error(`the stored ${what} is not in a known format`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      `the ${what} does not open with this panel key (was KEEL_SECRET_KEY or backup-key replaced?)`,
    );
  }
}
