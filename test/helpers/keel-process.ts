import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { packagePath } from '../../server/src/package-root.js';

/** A built `keel` command (`bin/keel.js`) as a child process, started the way an operator runs it. */
export class KeelProcess {
  private child: ChildProcess | undefined;
  /** Everything it printed, stdout and stderr together, since the last start. */
  output = '';

  constructor(
    private readonly args: string[],
    private readonly env: Record<string, string>,
    /** The line that says it is up, and what to call it when it is not. */
    private readonly ready: { line: string; name: string },
  ) {}

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [packagePath('bin/keel.js'), ...this.args], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const deadline = Date.now() + 120_000;
    while (!this.output.includes(this.ready.line)) {
      if (child.exitCode !== null) throw new Error(`${this.ready.name} exited at start:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.ready.name} did not start in time:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops it as the given signal would; resolves with the exit code once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = once(child, 'exit');
    child.kill(signal);
    const [code] = await exited;
    return code as number | null;
  }
}
