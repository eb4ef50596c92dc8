/** A signed-in API client for arranging test data quickly, as a script would. */
export class KeelApi {
  private cookie = '';
  private csrfToken = '';

  private constructor(private readonly url: string) {}

  static async signIn(url: string, email: string, password: string): Promise<KeelApi> {
    const client = new KeelApi(url);
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok)
      throw new Error(`login of ${email} failed: ${response.status} ${await response.text()}`);
    client.cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    client.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
    return client;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async createCustomer(
    firstName: string,
    lastName: string,
    email: string,
    extra: Record<string, unknown> = {},
  ) {
    return this.request<{ customer: { id: string; email: string }; password: string }>('POST', '/customers', {
      firstName,
      lastName,
      email,
      ...extra,
    });
  }
}
