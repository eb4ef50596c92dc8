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

  /** Logs this session in as the customer (support's impersonation): its cookie and CSRF token change. */
  async impersonate(customerId: string, reason: string): Promise<void> {
    const response = await fetch(`${this.url}/api/v1/customers/${customerId}/impersonate`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ reason }),
    });
    if (!response.ok) throw new Error(`impersonate: ${response.status} ${await response.text()}`);
    const cookies = new Map(this.cookie.split('; ').map((pair) => [pair.split('=')[0], pair] as const));
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      cookies.set(pair.split('=')[0], pair);
    }
    this.cookie = [...cookies.values()].join('; ');
    this.csrfToken = ((await response.json()) as { csrfToken?: string }).csrfToken ?? this.csrfToken;
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
