import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { packagePath } from '../../server/src/package-root.js';

/**
 * The built Keel (`bin/keel.js start`) as a child process, the way an operator runs it, and a
 * small fetch client that keeps the session cookie and CSRF token.
 */
export class RunningServer {
  private child: ChildProcess | undefined;
  output = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [packagePath('bin/keel.js'), 'start'], {
      env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(this.port), ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const deadline = Date.now() + 120_000;
    while (!this.output.includes('Keel is listening')) {
      if (child.exitCode !== null) throw new Error(`Keel exited at start:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`Keel did not start in time:\n${this.output}`);
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

  client(): SessionClient {
    return new SessionClient(this.baseUrl);
  }
}

export class SessionClient {
  private cookie = '';
  private csrfToken = '';

  constructor(private readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown) {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await response.text();
    const json = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
    if (json && typeof json.csrfToken === 'string') this.csrfToken = json.csrfToken;
    return { status: response.status, json };
  }

  async login(email: string, password: string) {
    const answer = await this.request('POST', '/auth/login', { email, password });
    if (answer.status !== 200) throw new Error(`login failed with ${answer.status}`);
  }
}
