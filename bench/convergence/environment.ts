import { execFile } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { parseAdminUrl } from '../../server/src/provisioning/drivers/mariadb/admin-url.js';

const run = promisify(execFile);

/** The machine and service versions the figures were measured on. */
export interface BenchEnvironment {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  nginx: string;
  mariadb: string;
  keelDatabase: string;
}

async function nginxVersion(binary: string): Promise<string> {
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

export async function benchEnvironment(
  nginxBinary: string,
  mariadbUrl: string,
  keelDatabase: string,
): Promise<BenchEnvironment> {
  return {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    nginx: await nginxVersion(nginxBinary),
    mariadb: await mariadbVersion(mariadbUrl),
    keelDatabase,
  };
}
