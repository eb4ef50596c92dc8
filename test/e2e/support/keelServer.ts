import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const admin = { email: 'operator@keel.test', password: 'Harbor-Lantern-Quiet-7391' };

/** dataDir: the server's KEEL_DATA_DIR, where a test reaches the customers' homes. */
export type KeelServer = { url: string; dataDir: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, keel: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (keel.exitCode !== null) throw new Error(`keel exited with ${keel.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/v1/auth/session`);
      if (response.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`keel did not answer within 150 s:\n${output()}`);
}

/**
 * Starts the built Keel (`node bin/keel.js start`, as `npm start` does after building)
 * on a fresh data directory and a free port, with a known first admin.
 */
export async function startKeel(options: { homesReachable?: boolean } = {}): Promise<KeelServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'keel-e2e-'));
  // Cron jobs run as each customer's own user, who must reach its home below the data directory.
  if (options.homesReachable) await chmod(dataDir, 0o755);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const keel = spawn(process.execPath, ['bin/keel.js', 'start'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      KEEL_DATA_DIR: dataDir,
      KEEL_ADMIN_EMAIL: admin.email,
      KEEL_ADMIN_PASSWORD: admin.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  keel.stdout?.on('data', keep);
  keel.stderr?.on('data', keep);

  const stop = async () => {
    if (keel.exitCode === null) {
      const exited = new Promise((resolve) => keel.once('exit', resolve));
      keel.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (keel.exitCode === null) keel.kill('SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilServing(url, keel, () => output);
  } catch (failure) {
    await stop();
    throw failure;
  }
  return { url, dataDir, stop };
}
