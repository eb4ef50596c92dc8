import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeFileAtomic } from '../files/atomic-file.js';
import { defaultLogBounds, type LogBounds, LogRotation } from '../files/log-rotation.js';
import { endLeftoverGroup } from '../process/process-group.js';
import { type ServiceLog, SupervisedProcess } from '../process/supervised-process.js';
import { type PhpFpmLayout, phpFpmLayout } from './layout.js';
import type { InstalledPhp } from './php-versions.js';
import { renderMasterConfig, type SocketAccess } from './render-pool.js';

const run = promisify(execFile);

export interface PhpFpmSupervisorOptions {
  php: InstalledPhp;
  /** Keel's own php-fpm directory, e.g. <KEEL_DATA_DIR>/php-fpm; each version below it. */
  stateDir: string;
  access: SocketAccess | null;
  /**
   * setpriv (util-linux), to start the master without the supplementary groups Keel runs with:
   * php-fpm gives a pool a numeric user without calling initgroups, so its workers would keep
   * them (root's group, say). Needed when Keel runs as root.
   */
  setpriv?: string;
  /** How large its error log may grow: KEEL_LOG_* or the defaults. */
  logBounds?: LogBounds;
  log?: ServiceLog;
}

// How long a reload may take to show every pool's socket, or to drop a removed one's.
const RELOAD_TIMEOUT_MS = 15_000;

/** php-fpm itself, or through setpriv, which execs it (same pid) with no supplementary group. */
function masterCommand(binary: string, args: string[], setpriv: string | undefined) {
  return setpriv === undefined
    ? { binary, args }
    : { binary: setpriv, args: ['--clear-groups', '--', binary, ...args] };
}

/**
 * Runs Keel's private php-fpm master of one PHP version in the foreground, restarts it when it
 * dies, and reloads it (SIGUSR2: the master re-reads its pools, ending the workers of every pool,
 * removed ones included) once a batch of pool files is written.
 */
export class PhpFpmSupervisor {
  readonly layout: PhpFpmLayout;
  private readonly master: SupervisedProcess;
  private readonly logRotation: LogRotation;

  constructor(private readonly options: PhpFpmSupervisorOptions) {
    this.layout = phpFpmLayout(options.stateDir, options.php.version);
    this.master = new SupervisedProcess({
      name: `php-fpm ${options.php.version}`,
      ...masterCommand(
        options.php.binary,
        ['--nodaemonize', '--fpm-config', this.layout.confFile],
        options.setpriv,
      ),
      // The kernel's name of the master and of every worker: the binary's name, cut at 15 characters.
      comm: path.basename(options.php.binary).slice(0, 15),
      isReady: (pid) => this.pidFileNames(pid),
      log: options.log,
    });
    this.logRotation = new LogRotation({
      service: `php-fpm ${options.php.version}`,
      dirs: [path.dirname(this.layout.errorLog)],
      bounds: options.logBounds ?? defaultLogBounds,
      // USR1: the master reopens its log files.
      reopen: () => this.master.signal('SIGUSR1'),
      log: options.log,
    });
  }

  get version(): string {
    return this.options.php.version;
  }

  /** The master's process id while it runs: every worker is in its process group. */
  get pid(): number | undefined {
    return this.master.pid;
  }

  async start(): Promise<void> {
    if (this.master.supervising) return;
    const { layout } = this;
    // nginx's workers reach the sockets through these; the pool files are Keel's alone.
    await mkdir(layout.socketsDir, { recursive: true });
    await mkdir(layout.poolsDir, { recursive: true, mode: 0o700 });
    for (const dir of [path.dirname(layout.dir), layout.dir, layout.socketsDir]) await chmod(dir, 0o755);
    await chmod(layout.poolsDir, 0o700);
    await writeFileAtomic(layout.confFile, renderMasterConfig(layout, this.options.access));
    // The master's title names its config file, so a leftover is told from anything else.
    await endLeftoverGroup(
      layout.pidFile,
      layout.confFile,
      path.basename(this.options.php.binary).slice(0, 15),
    );
    await this.master.start();
    this.logRotation.start();
  }

  async stop(): Promise<void> {
    await this.logRotation.stop();
    await this.master.stop();
  }

  /** `php-fpm -t`: the configuration with every pool file as it is now; the complaint when refused. */
  async test(): Promise<{ ok: true } | { ok: false; message: string }> {
    try {
      await run(this.options.php.binary, ['--test', '--fpm-config', this.layout.confFile]);
      return { ok: true };
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      const message = (stderr ?? String(error))
        .split('\n')
        .filter((line) => line.includes('ERROR'))
        .join('; ');
      return { ok: false, message: message || String(error) };
    }
  }

  /**
   * Reloads and waits until the sockets are those of the pool files: a new pool answers, a
   * removed one's workers are gone. A master that is not running reads the files when it starts.
   */
  async reload(): Promise<void> {
    if (!this.master.signal('SIGUSR2')) return;
    const deadline = Date.now() + RELOAD_TIMEOUT_MS;
    for (;;) {
      const pools = (await readdir(this.layout.poolsDir)).filter((name) => name.endsWith('.conf'));
      const wanted = new Set(pools.map((name) => `${name.slice(0, -'.conf'.length)}.sock`));
      const sockets = (await readdir(this.layout.socketsDir)).filter((name) => name.endsWith('.sock'));
      if (sockets.length === wanted.size && sockets.every((name) => wanted.has(name))) return;
      if (Date.now() > deadline) {
        throw new Error(`php-fpm ${this.version} did not take up its pools within ${RELOAD_TIMEOUT_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** php-fpm writes its pid file once its pools listen. */
  private async pidFileNames(pid: number): Promise<boolean> {
    const written = await readFile(this.layout.pidFile, 'utf8').catch(() => '');
    return written.trim() === String(pid);
  }
}
