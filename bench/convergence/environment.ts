import { execFile } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { parseAdminUrl } from '../../server/src/provisioning/drivers/mariadb/admin-url.js';

const run = promisify(execFile);

/** The machine the figures were measured on. */
export interface MachineEnvironment {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
}

/** The machine and service versions the figures were measured on. */
export interface BenchEnvironment extends MachineEnvironment {
  nginx: string;
  mariadb: string;
  keelDatabase: string;
}

export async function nginxVersion(binary: string): Promise<string> {
  // nginx prints its version on stderr.
  const { stderr } = await run(binary, ['-v']);
  return stderr.trim().replace(/^nginx version: /, '');
}

async function mariadbVersion(mariadbUrl: string): Promise<string> {
  const { socketPath, host, port, user, password } = parseAdminUrl(mariadbUrl);
  const connection = await mysql.createConnection({ socketPath, host, port, user, password });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('select version() as version');
    return String(rows[0]?.version ?? 'unknown');
  } finally {
    await connection.end();
  }
}

export function machineEnvironment(): MachineEnvironment {
  return {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

export async function benchEnvironment(
  nginxBinary: string,
  mariadbUrl: string,
  keelDatabase: string,
): Promise<BenchEnvironment> {
  return {
    ...machineEnvironment(),
    nginx: await nginxVersion(nginxBinary),
    mariadb: await mariadbVersion(mariadbUrl),
    keelDatabase,
  };
}
