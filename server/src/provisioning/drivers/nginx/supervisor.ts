import { chmod, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-file.js';
import { endLeftoverGroup } from '../process/process-group.js';
import { type ServiceLog, SupervisedProcess } from '../process/supervised-process.js';
import type { ApplyResult } from '../types.js';
import { listenAddress, type NginxLayout, nginxLayout } from './layout.js';
import { prefixArguments, testConfig } from './nginx-binary.js';
import { type NginxOptions, renderListen, renderMainConfig, type SiteDesired } from './render.js';
import { setAsideBrokenSites } from './set-aside.js';
import { applySiteBatch } from './site-batch.js';

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
  private readonly log: ServiceLog | undefined;

  constructor(private readonly options: NginxSupervisorOptions) {
    this.layout = nginxLayout(options.stateDir);
    this.nginx = {
      listen: listenAddress(options.host ?? '127.0.0.1', options.port),
      workerProcesses: options.workerProcesses ?? 'auto',
      mimeTypes: options.mimeTypes ?? '/etc/nginx/mime.types',
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

  /** The master's process id while it runs. */
  get pid(): number | undefined {
    return this.master.pid;
  }

  async start(): Promise<void> {
    if (this.master.supervising) return;
    await this.prepareFiles();
    await endLeftoverGroup(this.layout.pidFile, this.layout.confFile, 'nginx');
    this.heldSites = await setAsideBrokenSites(this.layout, () =>
      testConfig(this.options.binary, this.layout),
    );
    if (this.heldSites.length > 0) {
      this.log?.warn(
        `nginx rejected websites ${this.heldSites.join(', ')}; they are held in conf/sites-held`,
      );
    }
    await this.master.start();
  }

  /** Lets a batch in flight finish, then stops nginx and every worker; nothing of it runs afterwards. */
  async stop(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.master.stop();
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

  /**
   * Runs `change` on the files nginx reads between batches, so it never races one, and reloads
   * when it answers true (a drift check set a vhost Keel did not write aside).
   */
  changeFiles(change: () => Promise<boolean>): Promise<void> {
    const run = this.queue.then(async () => {
      if (await change()) this.reload();
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

  /** SIGHUP makes the master re-read its config; a stopped or restarting nginx reads it at start. */
  private reload(): void {
    if (this.master.signal('SIGHUP')) this.reloadCount += 1;
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

  /** nginx writes its pid file only after it has bound the port, so the file means "serving". */
  private async pidFileNames(pid: number): Promise<boolean> {
    const written = await readFile(this.layout.pidFile, 'utf8').catch(() => '');
    return written.trim() === String(pid);
  }
}
