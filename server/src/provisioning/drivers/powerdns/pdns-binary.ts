import path from 'node:path';
import { findExecutable, isExecutable } from '../process/find-executable.js';

export interface PowerDnsBinaries {
  /** pdns_server, the authoritative server Keel runs. */
  server: string;
  /** pdns_control, which talks to the running server through its control socket. */
  control: string;
}

/**
 * KEEL_PDNS_BIN (the pdns_server to run), else the first pdns_server on PATH, else Debian's
 * /usr/sbin; pdns_control is looked for beside it first (a build of both in one directory),
 * then on PATH and in Debian's /usr/bin. Undefined when either is missing.
 */
export async function findPowerDnsBinaries(
  env: NodeJS.ProcessEnv = process.env,
): Promise<PowerDnsBinaries | undefined> {
  const explicit = env.KEEL_PDNS_BIN;
  const server = explicit
    ? (await isExecutable(explicit))
      ? explicit
      : undefined
    : await findExecutable('pdns_server', ['/usr/sbin'], env);
  if (server === undefined) return undefined;
  const beside = path.join(path.dirname(server), 'pdns_control');
  const control = (await isExecutable(beside))
    ? beside
    : await findExecutable('pdns_control', ['/usr/bin', '/usr/sbin'], env);
  return control === undefined ? undefined : { server, control };
}
