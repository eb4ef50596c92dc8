import { afterAll } from 'vitest';
import { freePort } from '../services/helpers.js';
import { KeelProcess } from './keel-process.js';

/**
 * The built Keel (`bin/keel.js start`) as a child process, the way an operator runs it, and a
 * small fetch client that keeps the session cookie and CSRF token.
 */
export class RunningServer extends KeelProcess {
  constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    super(
      ['start'],
      { LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
      { line: 'Keel is listening', name: 'Keel' },
    );
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
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

  /** This session (its cookie and CSRF token) sent to another panel, as a load balancer would. */
  at(panel: RunningServer): SessionClient {
    const moved = new SessionClient(panel.baseUrl);
    moved.cookie = this.cookie;
    moved.csrfToken = this.csrfToken;
    return moved;
  }

  async login(email: string, password: string) {
    const answer = await this.request('POST', '/auth/login', { email, password });
    if (answer.status !== 200) throw new Error(`login failed with ${answer.status}`);
  }
}

/**
 * The built panel for one test file, on a free port with its first admin, signed in as that
 * admin and stopped after the file's tests.
 */
export async function startPanel(
  admin: { email: string; password: string },
  env: Record<string, string>,
): Promise<{ panel: RunningServer; client: SessionClient }> {
  const panel = new RunningServer(await freePort(), {
    KEEL_ADMIN_EMAIL: admin.email,
    KEEL_ADMIN_PASSWORD: admin.password,
    ...env,
  });
  await panel.start();
  afterAll(() => panel.stop('SIGTERM'));
  const client = panel.client();
  await client.login(admin.email, admin.password);
  return { panel, client };
}
