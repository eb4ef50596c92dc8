import { type ChildProcess, spawn } from 'node:child_process';
import { killGroup, signal } from './process-group.js';

export interface ServiceLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface SupervisedProcessOptions {
  /** How messages name the service, e.g. nginx. */
  name: string;
  binary: string;
  args: readonly string[];
  /** The kernel's name of its processes (/proc/<pid>/comm), to find what is left of its group. */
  comm: string;
  /** Polled after each spawn until it says the new process serves. */
  isReady(pid: number): Promise<boolean>;
  log?: ServiceLog;
}

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const POLL_MS = 10;
const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 10_000;
// A process that ran this long before dying gets the shortest delay again.
const STABLE_AFTER_MS = 30_000;
const STDERR_LINES = 20;

/**
 * Runs a service in the foreground as a child process that leads its own process group,
 * restarts it with exponential backoff when it dies, and ends the whole group when stopped or
 * when Keel exits, so nothing of it outlives Keel.
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private active = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private backoffMs = MIN_BACKOFF_MS;
  private startedAt = 0;
  private stderrTail: string[] = [];
  private restartCount = 0;
  private readonly stopOnExit = () => {
    if (this.child?.pid) signal(-this.child.pid, 'SIGTERM');
  };

  constructor(private readonly options: SupervisedProcessOptions) {}

  /** True from a successful start until stop: it is kept running. */
  get supervising(): boolean {
    return this.active;
  }

  /** Times the service was started again after it died on its own. */
  get restarts(): number {
    return this.restartCount;
  }

  /** The group leader's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Resolves once the service serves; throws with its last stderr lines if it cannot start. */
  async start(): Promise<void> {
    if (this.active) return;
    await this.spawnLeader();
    this.active = true;
    process.once('exit', this.stopOnExit);
  }

  /** SIGTERM, then SIGKILL for the whole group if it lingers; resolves when it has exited. */
  async stop(): Promise<void> {
    this.active = false;
    process.removeListener('exit', this.stopOnExit);
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (child?.pid === undefined) return;
    signal(child.pid, 'SIGTERM');
    const timer = setTimeout(() => signal(-(child.pid as number), 'SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Sends `name` to the leader; false when no process is running to receive it. */
  signal(name: NodeJS.Signals): boolean {
    if (this.child?.pid === undefined || this.child.exitCode !== null) return false;
    signal(this.child.pid, name);
    return true;
  }

  private async spawnLeader(): Promise<void> {
    this.stderrTail = [];
    // detached: the service leads its own process group, so its children can be found and ended with it.
    const child = spawn(this.options.binary, this.options.args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    this.startedAt = Date.now();
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = chunk.split('\n').filter((line) => line.trim() !== '');
      this.stderrTail = [...this.stderrTail, ...lines].slice(-STDERR_LINES);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signalName) => {
        void this.onExit(child, code, signalName).finally(resolve);
      });
    });
    child.once('error', () => undefined);
    await this.waitUntilReady(child);
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (child.exitCode === null && child.signalCode === null) {
      if (await this.options.isReady(child.pid as number)) return;
      if (Date.now() > deadline) {
        signal(-(child.pid as number), 'SIGKILL');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await this.exited;
    throw new Error(
      `${this.options.name} did not start: ${this.stderrTail.join('; ') || 'it exited at once'}`,
    );
  }

  private async onExit(
    child: ChildProcess,
    code: number | null,
    signalName: NodeJS.Signals | null,
  ): Promise<void> {
    if (this.child === child) this.child = undefined;
    if (child.pid !== undefined) await killGroup(child.pid, this.options.comm).catch(() => undefined);
    if (!this.active) return;
    if (Date.now() - this.startedAt > STABLE_AFTER_MS) this.backoffMs = MIN_BACKOFF_MS;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    this.options.log?.warn(
      `${this.options.name} exited (${signalName ?? `code ${code}`}): ${this.stderrTail.join('; ')}; restarting in ${delay} ms`,
    );
    this.restartTimer = setTimeout(() => this.restart(), delay);
  }

  private restart(): void {
    if (!this.active) return;
    this.restartCount += 1;
    this.spawnLeader().then(
      () => this.options.log?.info(`${this.options.name} restarted`),
      (error: Error) => this.options.log?.warn(error.message),
    );
  }
}
