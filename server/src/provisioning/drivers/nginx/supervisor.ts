import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isUuid } from '../../../contract/ids.js';
import { writeFileAtomic } from '../files/atomic-file.js';
import { defaultLogBounds, type LogBounds, LogRotation } from '../files/log-rotation.js';
import { endLeftoverGroup } from '../process/process-group.js';
import { type ServiceLog, SupervisedProcess } from '../process/supervised-process.js';
import type { ApplyResult, HeldResource } from '../types.js';
import { untilAccepting, untilStoppedAccepting } from './accepting-workers.js';
import { listenAddress, type NginxLayout, nginxLayout } from './layout.js';
import { removeLeftoverTempFiles } from './leftovers.js';
import { type ConfigTest, prefixArguments, testConfig } from './nginx-binary.js';
import { type NginxOptions, renderListen, renderMainConfig, type SiteDesired } from './render.js';
import { type HeldFile, heldError, setAsideBrokenSites } from './set-aside.js';
import { applySiteBatch } from './site-batch.js';
import { prepareTlsFiles } from './tls-files.js';

/**
 * How long a reload may take to reach every worker: the master parses every vhost first, which
 * for a bulk suspension's thousands takes seconds on a busy machine.
 */
const RELOAD_TIMEOUT_MS = 30_000;

export interface NginxSupervisorOptions {
  /** Found with findNginxBinary(): KEEL_NGINX_BIN or PATH. */
  binary: string;
  /** Keel's own nginx prefix, e.g. <KEEL_DATA_DIR>/nginx. */
  stateDir: string;
  port: number;
  /** KEEL_WEB_TLS_PORT: HTTPS for the sites with a certificate, on the same address; none when not given. */
  tlsPort?: number | null;
  /** An IP literal; 127.0.0.1 unless the operator exposes the web port directly. */
  host?: string;
  workerProcesses?: number | 'auto';
  mimeTypes?: string;
  /** How large its logs (the main ones and each site's) may grow: KEEL_LOG_* or the defaults. */
  logBounds?: LogBounds;
  log?: ServiceLog;
}

/**
 * Runs Keel's private nginx in the foreground as a child process, restarts it when it dies,
 * and is the one place that writes its configuration and reloads it.
 */
export class NginxSupervisor {
  readonly layout: NginxLayout;
  readonly nginx: NginxOptions;
  private readonly master: SupervisedProcess;
  private queue: Promise<unknown> = Promise.resolve();
  private reloadCount = 0;
  private heldSites: string[] = [];
  private heldSinceTaken: HeldResource[] = [];
  private readonly log: ServiceLog | undefined;
  readonly logRotation: LogRotation;

  constructor(private readonly options: NginxSupervisorOptions) {
    this.layout = nginxLayout(options.stateDir);
    this.nginx = {
      listen: listenAddress(options.host ?? '127.0.0.1', options.port),
      workerProcesses: options.workerProcesses ?? 'auto',
      mimeTypes: options.mimeTypes ?? '/etc/nginx/mime.types',
      tls: options.tlsPort
        ? { listen: listenAddress(options.host ?? '127.0.0.1', options.tlsPort), port: options.tlsPort }
        : null,
    };
    this.log = options.log;
    this.master = new SupervisedProcess({
      name: 'nginx',
      binary: options.binary,
      args: prefixArguments(this.layout),
      comm: 'nginx',
      isReady: (pid) => this.pidFileNames(pid),
      log: options.log,
    });
    this.logRotation = new LogRotation({
      service: 'nginx',
      dirs: [this.layout.logsDir, this.layout.siteLogsDir],
      bounds: options.logBounds ?? defaultLogBounds,
      // USR1: the master reopens every log (a new file in place of the rotated one) and hands
      // the new files to its workers.
      reopen: () => this.master.signal('SIGUSR1'),
      log: options.log,
    });
  }

  /** Reloads sent since construction: the benchmark expects one per reconcile batch. */
  get reloads(): number {
    return this.reloadCount;
  }

  /** Times nginx was started again after it died on its own. */
  get restarts(): number {
    return this.master.restarts;
  }

  /** Websites whose vhost nginx rejected at the last start, set aside so all others could run. */
  get sitesHeldAtStart(): readonly string[] {
    return this.heldSites;
  }

  /**
   * Websites whose vhost was set aside (at start, or by a batch of other sites) since the last
   * call, with nginx's complaint, for the reconciler to show and apply again.
   */
  takeHeldSites(): HeldResource[] {
    return this.heldSinceTaken.splice(0);
  }

  /** Where Keel reaches its own nginx: the listen address, or loopback when it listens on all. */
  get localAddress(): { host: string; port: number } {
    const host = this.options.host ?? '127.0.0.1';
    const local = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
    return { host: local, port: this.options.port };
  }

  /** Where HTTPS is served, for the probes; null when KEEL_WEB_TLS_PORT is not set. */
  get localTlsAddress(): { host: string; port: number } | null {
    return this.nginx.tls && { host: this.localAddress.host, port: this.nginx.tls.port };
  }

  /** The master's process id while it runs. */
  get pid(): number | undefined {
    return this.master.pid;
  }

  async start(): Promise<void> {
    if (this.master.supervising) return;
    await this.prepareFiles();
    await endLeftoverGroup(this.layout.pidFile, this.layout.confFile, 'nginx');
    const removed = await removeLeftoverTempFiles(this.layout);
    if (removed > 0) this.log?.warn(`removed ${removed} temporary nginx files left by an interrupted write`);
    const held = await setAsideBrokenSites(this.layout, () => testConfig(this.options.binary, this.layout));
    this.heldSites = held.map((site) => site.file.slice(0, -'.conf'.length));
    this.noteHeld(held);
    if (this.heldSites.length > 0) {
      this.log?.warn(
        `nginx rejected websites ${this.heldSites.join(', ')}; they are held in conf/sites-held`,
      );
    }
    await this.master.start();
    this.logRotation.start();
  }

  /** Lets a batch in flight finish, then stops nginx and every worker; nothing of it runs afterwards. */
  async stop(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.logRotation.stop();
    await this.master.stop();
  }

  /** Writes, checks and reloads the given sites as one batch; batches never overlap. */
  applySites(sites: readonly SiteDesired[]): Promise<ApplyResult[]> {
    const run = this.queue.then(async () => {
      const outcome = await applySiteBatch(
        {
          layout: this.layout,
          test: () => testConfig(this.options.binary, this.layout),
          testSubset: (files) => this.testSubset(files),
          reload: () => this.reload(),
        },
        sites,
      );
      this.noteHeld(outcome.held);
      return outcome.results;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `change` on the files nginx reads between batches, so it never races one, and reloads
   * when it answers true (a drift check set a vhost Keel did not write aside).
   */
  changeFiles(change: () => Promise<boolean>): Promise<void> {
    const run = this.queue.then(async () => {
      if (await change()) await this.reload();
    });
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

  /** `nginx -t` on a main config that includes only these site files, written beside the real one. */
  private async testSubset(files: readonly string[]): Promise<ConfigTest> {
    const conf = path.join(
      path.dirname(this.layout.confFile),
      `.sites-check.${randomBytes(6).toString('hex')}.tmp`,
    );
    await writeFile(conf, renderMainConfig(this.layout, this.nginx, files), { flag: 'wx' });
    try {
      return await testConfig(this.options.binary, this.layout, conf);
    } finally {
      await rm(conf, { force: true });
    }
  }

  /** Keeps Keel's own sites for the reconciler; a file of another name is only logged. */
  private noteHeld(held: readonly HeldFile[]): void {
    for (const { file, message } of held) {
      const id = file.slice(0, -'.conf'.length);
      this.log?.warn(`nginx rejected ${file}, set aside in conf/sites-held: ${message}`);
      if (isUuid(id)) this.heldSinceTaken.push({ id, error: heldError(message) });
    }
  }

  /**
   * SIGHUP makes the master re-read its config; a stopped or restarting nginx reads it at start.
   * A master that just started is sent it only once it has workers (untilAccepting). Resolves
   * once no worker of the configuration before accepts connections any more: until then one may
   * still answer a visitor, or the driver's probe, with what was there before
   * (accepting-workers.ts). Throws when they still do at the deadline, as when the master could
   * not take the new configuration: the batch is then tried again.
   */
  private async reload(): Promise<void> {
    const master = this.master.pid;
    const before = master === undefined ? [] : await untilAccepting(master, RELOAD_TIMEOUT_MS);
    if (!this.master.signal('SIGHUP')) return;
    this.reloadCount += 1;
    const still = await untilStoppedAccepting(before, RELOAD_TIMEOUT_MS);
    if (still.length > 0) {
      throw new Error(
        `nginx workers ${still.map((worker) => worker.pid).join(', ')} still serve the configuration before the reload after ${RELOAD_TIMEOUT_MS / 1000} s`,
      );
    }
  }

  private async prepareFiles(): Promise<void> {
    const { layout } = this;
    for (const dir of [layout.sitesDir, layout.siteLogsDir, layout.tempDir, path.dirname(layout.pidFile)]) {
      await mkdir(dir, { recursive: true });
    }
    // Workers (nobody, when Keel runs as root) write request bodies under temp/.
    await chmod(layout.prefix, 0o755);
    await writeFileAtomic(layout.listenFile, renderListen(this.nginx));
    await prepareTlsFiles(layout, this.nginx.tls);
    await writeFileAtomic(layout.confFile, renderMainConfig(layout, this.nginx));
  }

  /** nginx writes its pid file only after it has bound the port, so the file means "serving". */
  private async pidFileNames(pid: number): Promise<boolean> {
    const written = await readFile(this.layout.pidFile, 'utf8').catch(() => '');
    return written.trim() === String(pid);
  }
}
