import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRepositoryPassword, openPassword, sealPassword } from '../backups/repository-key.js';
import { isSealed, loadPanelKey, openSecret, panelKeyFile, sealSecret } from './panel-key.js';

const customerA = '6f1d6a38-5a9e-4c1b-9d51-1f0e2f3a4b5c';
const customerB = '0b8c7d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

describe('the panel key and the secrets it seals', () => {
  it('makes a key file once (0600) and reads the same key back', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'keel-key-'));
    const key = await loadPanelKey(dataDir, null);
    expect(key).toHaveLength(32);
    expect((await stat(panelKeyFile(dataDir))).mode & 0o777).toBe(0o600);
    expect(await loadPanelKey(dataDir, null)).toEqual(key);
    expect(await readFile(panelKeyFile(dataDir), 'utf8')).toBe(`${key.toString('hex')}\n`);
  });

  it('takes KEEL_SECRET_KEY as hex or base64 instead, and refuses a key of the wrong size', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'keel-key-'));
    const hex = 'ab'.repeat(32);
    expect(await loadPanelKey(dataDir, hex)).toEqual(Buffer.from(hex, 'hex'));
    expect(await loadPanelKey(dataDir, Buffer.alloc(32, 7).toString('base64'))).toEqual(Buffer.alloc(32, 7));
    await expect(loadPanelKey(dataDir, 'too-short')).rejects.toThrow(/32 bytes/);
  });

  it('seals a password so that only the same key and customer open it', () => {
    const key = Buffer.alloc(32, 1);
    const password = newRepositoryPassword();
    const sealed = sealPassword(key, customerA, password);
    expect(sealed).not.toContain(password);
    expect(sealPassword(key, customerA, password)).not.toBe(sealed);
    expect(openPassword(key, customerA, sealed)).toBe(password);
    expect(() => openPassword(key, customerB, sealed)).toThrow(/does not open/);
    expect(() => openPassword(Buffer.alloc(32, 2), customerA, sealed)).toThrow(/does not open/);
  });

  it('seals any secret bound to its row, and tells a sealed value from one kept in plain text', () => {
    const key = Buffer.alloc(32, 3);
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
    const sealed = sealSecret(key, 'website-1', pem);
    expect(isSealed(sealed)).toBe(true);
    expect(isSealed(pem)).toBe(false);
    expect(openSecret(key, 'website-1', sealed, 'TLS private key')).toBe(pem);
    expect(() => openSecret(key, 'website-2', sealed, 'TLS private key')).toThrow(
      /TLS private key does not open/,
    );
    expect(() => openSecret(key, 'website-1', pem, 'TLS private key')).toThrow(/not in a known format/);
  });
});
