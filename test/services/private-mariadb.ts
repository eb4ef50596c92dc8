import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { findExecutable } from '../../server/src/provisioning/drivers/process/find-executable.js';
import { eventually, freePort, sharedTempDir } from './helpers.js';

const run = promisify(execFile);

export interface MariaDbPrograms {
  server: string;
  installDb: string;
}

/** Debian's mariadbd and mariadb-install-db (daemons live in /usr/sbin, often not on PATH). */
export async function findMariaDbPrograms(): Promise<MariaDbPrograms | undefined> {
  const server = await findExecutable('mariadbd', ['/usr/sbin']);
  const installDb = await findExecutable('mariadb-install-db', ['/usr/bin']);
  return server && installDb ? { server, installDb } : undefined;
}

/**
 * A MariaDB server of the test's own, in a temp directory: its own data directory, socket and
 * port, so a test may stop and start it without disturbing the machine's server or other tests.
 * It runs as the current user; `--no-defaults` keeps /etc/mysql's settings (the system socket,
 * its data directory) out of it.
 */
export class PrivateMariaDb {
  private process: ChildProcess | null = null;

  private constructor(
    private readonly programs: MariaDbPrograms,
    private readonly dir: string,
    private readonly port: number,
  ) {}

  static async create(programs: MariaDbPrograms): Promise<PrivateMariaDb> {
    const dir = await sharedTempDir('mariadb');
    const mariadb = new PrivateMariaDb(programs, dir, await freePort());
    // root without a password over the socket, for whoever runs the tests; the directory is theirs.
    await run(
      programs.installDb,
      [
        '--no-defaults',
        `--datadir=${mariadb.dataDir}`,
        `--user=${userInfo().username}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { timeout: 60_000 },
    );
    return mariadb;
  }

  get socketPath(): string {
    return path.join(this.dir, 'mysqld.sock');
  }

  /** Keel's admin connection to this server (KEEL_MARIADB_URL). */
  get adminUrl(): string {
    return `mysql://root@localhost/?socket=${this.socketPath}`;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  private get errorLog(): string {
    return path.join(this.dir, 'error.log');
  }

  /** Starts the server and resolves once root can connect and query. */
  async start(): Promise<void> {
    if (this.process) throw new Error('the private MariaDB is already running');
    const child = spawn(
      this.programs.server,
      [
        '--no-defaults',
        `--datadir=${this.dataDir}`,
        `--socket=${this.socketPath}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--pid-file=${path.join(this.dir, 'mysqld.pid')}`,
        `--log-error=${this.errorLog}`,
        `--user=${userInfo().username}`,
        '--innodb-buffer-pool-size=16M',
      ],
      { stdio: 'ignore' },
    );
    this.process = child;
    let exited = false;
    child.once('exit', () => {
      exited = true;
      if (this.process === child) this.process = null;
    });
    try {
      await eventually(async () => {
        if (exited) throw new Error('exited');
        const root = await mysql.createConnection({ socketPath: this.socketPath, user: 'root' });
        await root.query('SELECT 1');
        await root.end();
      }, 20_000);
    } catch {
      const log = await readFile(this.errorLog, 'utf8').catch(() => '');
      await this.stop();
      throw new Error(`the private MariaDB did not start:\n${log.split('\n').slice(-15).join('\n')}`);
    }
  }

  /** Shuts the server down (SIGTERM, as an operator's restart does) and waits until it exited. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
  }

  async remove(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}
