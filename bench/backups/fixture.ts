import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { parseAdminUrl } from '../../server/src/provisioning/drivers/mariadb/admin-url.js';

/** A fixed-seed generator (xorshift32), so every run backs up the same bytes. */
export function seeded(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  return {
    next,
    /** Incompressible bytes, like photos and archives. */
    bytes(size: number): Buffer {
      const words = new Uint32Array(Math.ceil(size / 4));
      for (let index = 0; index < words.length; index += 1) words[index] = next();
      return Buffer.from(words.buffer, 0, size);
    },
    /** Text that compresses, like HTML, scripts and logs. */
    text(size: number): string {
      const words = [
        'customer',
        'order',
        'price',
        'shop',
        'the',
        'and',
        'page',
        'div',
        'class',
        'span',
        '<p>',
        '</p>',
      ];
      const parts: string[] = [];
      let length = 0;
      while (length < size) {
        const word = words[next() % words.length] as string;
        parts.push(word);
        length += word.length + 1;
      }
      return parts.join(' ').slice(0, size);
    },
  };
}

export type Random = ReturnType<typeof seeded>;

const SMALL_FILE_BYTES = 32 * 1024;
const LARGE_FILE_BYTES = 100 * 1024 * 1024;

/** Half the size in small text files (32 KiB) over many directories, half in 100 MiB binary files. */
export async function writeHome(home: string, totalMb: number, random: Random) {
  const total = totalMb * 1024 * 1024;
  const largeCount = Math.max(1, Math.floor(total / 2 / LARGE_FILE_BYTES));
  const smallCount = Math.floor((total - largeCount * LARGE_FILE_BYTES) / SMALL_FILE_BYTES);
  const small: string[] = [];
  const made = new Set<string>();
  for (let index = 0; index < smallCount; index += 1) {
    const dir = path.join(home, 'sites', `site-${index % 20}`, 'public', `dir-${Math.floor(index / 500)}`);
    if (!made.has(dir)) await mkdir(dir, { recursive: true });
    made.add(dir);
    const file = path.join(dir, `page-${index}.html`);
    await writeFile(file, random.text(SMALL_FILE_BYTES));
    small.push(file);
  }
  const large: string[] = [];
  await mkdir(path.join(home, 'media'), { recursive: true });
  for (let index = 0; index < largeCount; index += 1) {
    const file = path.join(home, 'media', `video-${index}.bin`);
    const handle = await open(file, 'w');
    for (let written = 0; written < LARGE_FILE_BYTES; written += 4 * 1024 * 1024) {
      await handle.write(random.bytes(4 * 1024 * 1024));
    }
    await handle.close();
    large.push(file);
  }
  return { small, large, bytes: smallCount * SMALL_FILE_BYTES + largeCount * LARGE_FILE_BYTES };
}

/** Rewrites 1 % of the small files and 1 % of one large file's blocks in place. */
export async function changeOnePercent(files: { small: string[]; large: string[] }, random: Random) {
  const step = 100;
  for (let index = 0; index < files.small.length; index += step) {
    await writeFile(files.small[index] as string, random.text(SMALL_FILE_BYTES));
  }
  const first = files.large[0];
  if (first) {
    const handle = await open(first, 'r+');
    for (let offset = 0; offset < LARGE_FILE_BYTES; offset += LARGE_FILE_BYTES / 10) {
      await handle.write(random.bytes(LARGE_FILE_BYTES / 100 / 10), 0, undefined, offset);
    }
    await handle.close();
  }
}

const ROW_BYTES = 1000;
const ROWS_PER_INSERT = 500;

export async function connect(mariadbUrl: string) {
  const { socketPath, host, port, user, password } = parseAdminUrl(mariadbUrl);
  return mysql.createConnection({ socketPath, host, port, user, password });
}

/** A database of about `sizeMb` in rows of 1 KB of text. */
export async function fillDatabase(mariadbUrl: string, name: string, sizeMb: number, random: Random) {
  const connection = await connect(mariadbUrl);
  try {
    await connection.query('DROP DATABASE IF EXISTS ??', [name]);
    await connection.query('CREATE DATABASE ??', [name]);
    await connection.query('CREATE TABLE ??.orders (id int primary key, note text) ENGINE=InnoDB', [name]);
    const rows = Math.floor((sizeMb * 1024 * 1024) / ROW_BYTES);
    for (let first = 0; first < rows; first += ROWS_PER_INSERT) {
      const values: [number, string][] = [];
      for (let id = first; id < Math.min(rows, first + ROWS_PER_INSERT); id += 1)
        values.push([id, random.text(ROW_BYTES)]);
      await connection.query('INSERT INTO ??.orders VALUES ?', [name, values]);
    }
    return rows;
  } finally {
    await connection.end();
  }
}

/** Changes 1 % of the rows. */
export async function changeOnePercentOfRows(mariadbUrl: string, name: string, rows: number, random: Random) {
  const connection = await connect(mariadbUrl);
  try {
    for (let id = 0; id < rows; id += 100) {
      await connection.query('UPDATE ??.orders SET note = ? WHERE id = ?', [
        name,
        random.text(ROW_BYTES),
        id,
      ]);
    }
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(mariadbUrl: string, name: string) {
  const connection = await connect(mariadbUrl);
  try {
    await connection.query('DROP DATABASE IF EXISTS ??', [name]);
  } finally {
    await connection.end();
  }
}
