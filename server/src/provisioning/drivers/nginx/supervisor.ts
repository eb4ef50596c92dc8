import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ApplyResult } from '../types.js';
import { writeFileAtomic } from './atomic-file.js';
import { listenAddress, type NginxLayout, nginxLayout } from './layout.js';
import { prefixArguments, testConfig } from './nginx-binary.js';
import { killGroup, signal } from './process-group.js';
import { type NginxOptions, renderListen, renderMainConfig, type SiteDesired } from './render.js';
import { setAsideBrokenSites } from './set-aside.js';
import { applySiteBatch } from './site-batch.js';

export interface ServiceLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface NginxSupervisorOptions {
  /** Found with findNginxBinary(): KEEL_NGINX_BIN or PATH. */
  binary: string;
  /** Keel's own nginx prefix, e.g. <KEEL_DATA_DIR>/nginx. */
  stateDir: string;
  port: number;
  /** An IP literal; 127.0.0.1 unless the operator exposes the web port directly. */
  host?: string;
  workerProcesses?: number | 'auto';
  mimeTypes?: string;
  log?: ServiceLog;
}

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 10_000;
// A master that ran this long before dying gets the shortest delay again.
const STABLE_AFTER_MS = 30_000;

/**
 * Runs Keel's private nginx in the foreground as a child process, restarts it when it dies,
 * and is the one place that writes its configuration and reloads it.
 */
export class NginxSupervisor {
  readonly layout: NginxLayout;
  readonly nginx: NginxOptions;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private supervising = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private backoffMs = MIN_BACKOFF_MS;
  private startedAt = 0;
  private stderrTail: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private reloadCount = 0;
  private heldSites: string[] = [];
  private restartCount = 0;
  private readonly log: ServiceLog | undefined;
  private readonly stopOnExit = () => {
    if (this.child?.pid) signal(-this.child.pid, 'SIGTERM');
  };

  constructor(private readonly options: NginxSupervisorOptions) {
    this.layout = nginxLayout(options.stateDir);
    this.nginx = {
      listen: listenAddress(options.host ?? '127.0.0.1', options.port),
      workerProcesses: options.workerProcesses ?? 'auto',
      mimeTypes: options.mimeTypes ?? '/etc/nginx/mime.types',
    };
    this.log = options.log;
  }

  /** Reloads sent since construction: the benchmark expects one per reconcile batch. */
  get reloads(): number {
    return this.reloadCount;
  }

  /** Times nginx was started again after it died on its own. */
  get restarts(): number {
    return this.restartCount;
  }

  /** Websites whose vhost nginx rejected at the last start, set aside so all others could run. */
  get sitesHeldAtStart(): readonly string[] {
    return this.heldSites;
  }

  /** The master's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (this.supervising) return;
    await this.prepareFiles();
    await this.endLeftoverInstance();
    this.heldSites = await setAsideBrokenSites(this.layout, () =>
      testConfig(this.options.binary, this.layout),
    );
    if (this.heldSites.length > 0) {
      this.log?.warn(
        `nginx rejected websites ${this.heldSites.join(', ')}; they are held in conf/sites-held`,
      );
    }
    await this.spawnMaster();
    this.supervising = true;
    process.once('exit', this.stopOnExit);
  }

  /** Stops nginx and every worker; nothing of it runs afterwards. */
  async stop(): Promise<void> {
    this.supervising = false;
    process.removeListener('exit', this.stopOnExit);
    clearTimeout(this.restartTimer);
    await this.queue.catch(() => undefined);
    const child = this.child;
    if (child?.pid === undefined) return;
    signal(child.pid, 'SIGTERM');
    const timer = setTimeout(() => signal(-(child.pid as number), 'SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Writes, checks and reloads the given sites as one batch; batches never overlap. */
  applySites(sites: readonly SiteDesired[]): Promise<ApplyResult[]> {
    const run = this.queue.then(() =>
      applySiteBatch(
        {
          layout: this.layout,
          test: () => testConfig(this.options.binary, this.layout),
          reload: async () => this.reload(),
        },
        sites,
      ),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Website ids that have a vhost file, for inventory. */
  async listSiteIds(): Promise<string[]> {
    const entries = await readdir(this.layout.sitesDir).catch(() => [] as string[]);
    return entries
      .filter((entry) => entry.endsWith('.conf'))
      .map((entry) => entry.slice(0, -'.conf'.length))
      .sort();
  }

  /** SIGHUP makes the master re-read its config; a stopped or restarting nginx reads it at start. */
  private reload(): void {
    if (this.child?.pid === undefined || this.child.exitCode !== null) return;
    signal(this.child.pid, 'SIGHUP');
    this.reloadCount += 1;
  }

  private async prepareFiles(): Promise<void> {
    const { layout } = this;
    for (const dir of [layout.sitesDir, layout.siteLogsDir, layout.tempDir, path.dirname(layout.pidFile)]) {
      await mkdir(dir, { recursive: true });
    }
    // Workers (nobody, when Keel runs as root) write request bodies under temp/.
    await chmod(layout.prefix, 0o755);
    await writeFileAtomic(layout.listenFile, renderListen(this.nginx));
    await writeFileAtomic(layout.confFile, renderMainConfig(layout, this.nginx));
  }

  /** An nginx left running by a Keel that was killed holds the port: end it (and its workers). */
  private async endLeftoverInstance(): Promise<void> {
    const pid = Number((await readFile(this.layout.pidFile, 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(pid) || pid <= 1) return;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline !== '' && !cmdline.includes(this.layout.confFile)) return;
    await killGroup(pid);
    await rm(this.layout.pidFile, { force: true });
  }

  private async spawnMaster(): Promise<void> {
    await rm(this.layout.pidFile, { force: true });
    this.stderrTail = [];
    // detached: nginx leads its own process group, so its workers can be found and ended with it.
    const child = spawn(this.options.binary, prefixArguments(this.layout), {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    this.startedAt = Date.now();
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrTail = [...this.stderrTail, ...chunk.split('\n').filter((l) => l.trim() !== '')].slice(-20);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signalName) => {
        void this.onExit(child, code, signalName).finally(resolve);
      });
    });
    child.once('error', () => undefined);
    await this.waitUntilListening(child);
  }

  /** nginx writes its pid file only after it has bound the port, so the file means "serving". */
  private async waitUntilListening(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (child.exitCode === null && child.signalCode === null) {
      const written = (await readFile(this.layout.pidFile, 'utf8').catch(() => '')).trim();
      if (written === String(child.pid)) return;
      if (Date.now() > deadline) {
        signal(-(child.pid as number), 'SIGKILL');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.exited;
    throw new Error(`nginx did not start: ${this.stderrTail.join('; ') || 'it exited at once'}`);
  }

  private async onExit(
    child: ChildProcess,
    code: number | null,
    signalName: NodeJS.Signals | null,
  ): Promise<void> {
    if (this.child === child) this.child = undefined;
    if (child.pid !== undefined) await killGroup(child.pid).catch(() => undefined);
    if (!this.supervising) return;
    if (Date.now() - this.startedAt > STABLE_AFTER_MS) this.backoffMs = MIN_BACKOFF_MS;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    this.log?.warn(
      `nginx exited (${signalName ?? `code ${code}`}): ${this.stderrTail.join('; ')}; restarting in ${delay} ms`,
    );
    this.restartTimer = setTimeout(() => this.restart(), delay);
  }

  private restart(): void {
    if (!this.supervising) return;
    this.restartCount += 1;
    this.spawnMaster().then(
      () => this.log?.info('nginx restarted'),
      (error: Error) => this.log?.warn(error.message),
    );
  }
}
