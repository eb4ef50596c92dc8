import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backupKeyFile,
  loadBackupKey,
  newRepositoryPassword,
  openPassword,
  sealPassword,
} from './repository-key.js';

const customerA = '6f1d6a38-5a9e-4c1b-9d51-1f0e2f3a4b5c';
const customerB = '0b8c7d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

describe('the backup key and sealed repository passwords', () => {
  it('makes a key file once (0600) and reads the same key back', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'keel-key-'));
    const key = await loadBackupKey(dataDir, null);
    expect(key).toHaveLength(32);
    expect((await stat(backupKeyFile(dataDir))).mode & 0o777).toBe(0o600);
    expect(await loadBackupKey(dataDir, null)).toEqual(key);
    expect(await readFile(backupKeyFile(dataDir), 'utf8')).toBe(`${key.toString('hex')}\n`);
  });

  it('takes KEEL_SECRET_KEY as hex or base64 instead, and refuses a key of the wrong size', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'keel-key-'));
    const hex = 'ab'.repeat(32);
    expect(await loadBackupKey(dataDir, hex)).toEqual(Buffer.from(hex, 'hex'));
    expect(await loadBackupKey(dataDir, Buffer.alloc(32, 7).toString('base64'))).toEqual(Buffer.alloc(32, 7));
    await expect(loadBackupKey(dataDir, 'too-short')).rejects.toThrow(/32 bytes/);
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
});
