import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

// One kept-alive connection for the sequential samples, as a browser tab would use.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(url: string, options: { method: string; headers: Record<string, string>; body?: string }) {
  return new Promise<Reply>((resolve, reject) => {
    const outgoing = request(url, { ...options, agent }, (incoming) => {
      let body = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => {
        body += chunk;
      });
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Signs in through the API and returns the session cookie header to send with each request. */
export async function logIn(baseUrl: string, email: string, password: string): Promise<string> {
  const reply = await send(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = [reply.headers['set-cookie'] ?? []].flat()[0]?.split(';')[0];
  if (reply.status !== 200 || !cookie)
    throw new Error(`login as ${email} failed: ${reply.status} ${reply.body}`);
  return cookie;
}

/** GET as a signed-in user; anything but 200 stops the run, since its timing would mean nothing. */
export async function getJson<Body>(url: string, cookie: string): Promise<Body> {
  const reply = await send(url, { method: 'GET', headers: { cookie } });
  if (reply.status !== 200) throw new Error(`GET ${url}: ${reply.status} ${reply.body}`);
  return JSON.parse(reply.body) as Body;
}

export const loadClients = 16;

/**
 * Requests per second with 16 clients, each sending its next request as soon as the last returns.
 * A failed request stops the run unless `countFailures`: then they are counted among the figures.
 */
export async function throughput(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  countFailures = false,
) {
  const result = await autocannon({ url, connections: loadClients, duration: seconds, headers });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0 && !countFailures) {
    const kinds = `${result.non2xx} not 2xx, ${result.errors} errors, ${result.timeouts} timeouts`;
    throw new Error(`GET ${url} under load: ${failed} failed requests (${kinds})`);
  }
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed,
  };
}
