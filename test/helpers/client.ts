import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../server/src/http/app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls the API through Fastify's inject like a browser would: keeps the session cookie and sends
 * the CSRF token on state changes. `raw()` sends exactly what it is given.
 */
export class ApiClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  bearer: string | null = null;

  constructor(readonly app: App) {}

  static withToken(app: App, token: string): ApiClient {
    const client = new ApiClient(app);
    client.bearer = token;
    return client;
  }

  async request(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const options: InjectOptions = {
      method,
      url: path.startsWith('/api') ? path : `/api/v1${path}`,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    };
    const response = await this.app.inject(options);
    this.remember(response);
    return response;
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, undefined, headers);
  post = (path: string, body: unknown = {}, headers?: Record<string, string>) =>
    this.request('POST', path, body, headers);
  put = (path: string, body: unknown, headers?: Record<string, string>) =>
    this.request('PUT', path, body, headers);
  patch = (path: string, body: unknown, headers?: Record<string, string>) =>
    this.request('PATCH', path, body, headers);
  delete = (path: string, headers?: Record<string, string>) =>
    this.request('DELETE', path, undefined, headers);

  raw(options: InjectOptions) {
    return this.app.inject(options);
  }

  private remember(response: LightMyRequestResponse) {
    const setCookie = response.cookies.find((cookie) => cookie.name.endsWith('keel_session'));
    if (setCookie) this.cookie = setCookie.value ? `${setCookie.name}=${setCookie.value}` : null;
    const contentType = String(response.headers['content-type'] ?? '');
    if (response.statusCode === 200 && contentType.startsWith('application/json')) {
      const body = response.json() as { csrfToken?: unknown };
      if (body && typeof body === 'object' && typeof body.csrfToken === 'string')
        this.csrfToken = body.csrfToken;
    }
  }
}
