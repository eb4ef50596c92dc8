import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { packagePath } from '../../server/src/package-root.js';

/** The built `keel agent --panel <url> --token <token>` as a child process, the way an operator runs it. */
export class RunningAgent {
  private child: ChildProcess | undefined;
  output = '';

  constructor(
    private readonly args: string[],
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [packagePath('bin/keel.js'), 'agent', ...this.args], {
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
    while (!this.output.includes('connected to')) {
      if (child.exitCode !== null) throw new Error(`the agent exited at start:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the agent did not connect in time:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops it as the given signal would; resolves once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }
}
