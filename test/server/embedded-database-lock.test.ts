import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  EmbeddedDatabaseInUseError,
  lockEmbeddedDatabase,
} from '../../server/src/db/embedded-database-lock.js';

describe('the embedded database lock', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'keel-lock-'));
  afterAll(() => rm(folder, { recursive: true, force: true }));
  let next = 0;
  const directory = () => join(folder, `pglite-${next++}`);

  it('is held by one holder at a time, and free again once released', async () => {
    const database = directory();
    const held = await lockEmbeddedDatabase(database);
    const refused = lockEmbeddedDatabase(database);
    await expect(refused).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
    await expect(refused).rejects.toThrow(`is open in another Keel process (pid ${process.pid})`);
    expect(JSON.parse(await readFile(`${database}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    await held.release();
    expect(existsSync(`${database}.lock`)).toBe(false);
    await (await lockEmbeddedDatabase(database)).release();
  });

  it('takes over a lock whose pid now belongs to a process started at another time', async () => {
    const database = directory();
    await writeFile(`${database}.lock`, JSON.stringify({ pid: process.pid, started: 'another-boot/42' }));
    const held = await lockEmbeddedDatabase(database);
    const holder = JSON.parse(await readFile(`${database}.lock`, 'utf8'));
    expect(holder.started).not.toBe('another-boot/42');
    await held.release();
  });

  it('takes over a lock file no Keel wrote', async () => {
    const database = directory();
    await writeFile(`${database}.lock`, 'not a lock');
    const held = await lockEmbeddedDatabase(database);
    expect(JSON.parse(await readFile(`${database}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    await held.release();
  });

  it('leaves a lock it no longer holds alone when released', async () => {
    const database = directory();
    const held = await lockEmbeddedDatabase(database);
    await writeFile(`${database}.lock`, JSON.stringify({ pid: 1, started: null }));
    await held.release();
    expect(await readFile(`${database}.lock`, 'utf8')).toBe(JSON.stringify({ pid: 1, started: null }));
  });
});
