import { execFile } from 'node:child_process';
import { findExecutable, isExecutable } from '../process/find-executable.js';
import type { NginxLayout } from './layout.js';

/** KEEL_NGINX_BIN, else the first nginx on PATH, else Debian's /usr/sbin. */
export async function findNginxBinary(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const explicit = env.KEEL_NGINX_BIN;
  if (explicit) return (await isExecutable(explicit)) ? explicit : undefined;
  return findExecutable('nginx', ['/usr/sbin'], env);
}

/** The arguments that point nginx at Keel's prefix instead of the system's /etc/nginx. */
export function prefixArguments(layout: NginxLayout, confFile = layout.confFile): string[] {
  return ['-p', `${layout.prefix}/`, '-c', confFile, '-e', layout.errorLog];
}

export type ConfigTest = { ok: true } | { ok: false; message: string };

/**
 * `nginx -t` on the whole configuration, or on another main file (one listing only some of the
 * sites); the message is nginx's own complaint.
 */
export function testConfig(binary: string, layout: NginxLayout, confFile?: string): Promise<ConfigTest> {
  return new Promise((resolve) => {
    execFile(
      binary,
      ['-t', '-q', ...prefixArguments(layout, confFile)],
      { timeout: 30_000 },
      (error, _stdout, stderr) => {
        if (!error) return resolve({ ok: true });
        const lines = String(stderr)
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '' && !/configuration file .* test failed/.test(line));
        resolve({ ok: false, message: lines.join('; ') || error.message });
      },
    );
  });
}
