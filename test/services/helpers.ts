import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { nginxProcessesInGroup } from '../../server/src/provisioning/drivers/nginx/process-group.js';

/** A port nobody listens on right now: `port` itself, or any free one when it is 0. */
export function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** `count` consecutive free ports (pure-ftpd's passive range), tried from a free one up. */
export async function freePortRange(count: number): Promise<{ low: number; high: number }> {
  for (;;) {
    const low = await freePort();
    if (low + count > 65535) continue;
    const taken = await Promise.all(
      Array.from({ length: count - 1 }, (_, index) =>
        freePort(low + index + 1).then(
          () => false,
          () => true,
        ),
      ),
    );
    if (!taken.includes(true)) return { low, high: low + count - 1 };
  }
}

/**
 * A temp directory nginx's workers (nobody, when tests run as root) can reach: mkdtemp makes
 * it 0700, which would hide the sites below it.
 */
export async function sharedTempDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `keel-${name}-`));
  await chmod(dir, 0o755);
  return dir;
}

export interface HttpAnswer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** GET with an explicit Host header (fetch would not let the test choose it). */
export function get(port: number, host: string, requestPath = '/'): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: requestPath, headers: { host }, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        );
      },
    );
    request.on('error', reject);
    request.setTimeout(5000, () => request.destroy(new Error('request timed out')));
  });
}

/**
 * Polls until `check` passes: old nginx workers keep answering for a moment after a reload.
 * A longer `intervalMs` suits checks that would otherwise compete with what they wait for.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

export function newId(): string {
  return randomUUID();
}

/** Skips a service's tests only on a developer machine without it; in CI a missing service fails. */
export function mustSkip(service: string, available: boolean): boolean {
  if (available) return false;
  if (process.env.CI) throw new Error(`${service} is required in CI but is not available`);
  console.warn(`Skipping ${service} tests: ${service} is not available on this machine.`);
  return true;
}

/** The user id a process runs as, from /proc (the real uid, first on the Uid line). */
async function uidOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
}

/**
 * Closing `dir` (chmod 0700) really shuts nginx's workers out only when they run as another user
 * than its owner: checked, so a test of an unreadable root cannot pass for the wrong reason.
 */
export async function expectWorkersShutOutBy(master: number, dir: string): Promise<void> {
  const workers = (await nginxProcessesInGroup(master)).filter((pid) => pid !== master);
  expect(workers.length).toBeGreaterThan(0);
  const owner = (await stat(dir)).uid;
  for (const worker of workers) expect(await uidOf(worker)).not.toBe(owner);
}
