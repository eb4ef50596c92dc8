import { spawn } from 'node:child_process';
import { parseAdminUrl } from '../provisioning/drivers/mariadb/admin-url.js';
import {
  backupStream,
  forgetSnapshots,
  lastLines,
  type ResticRepository,
  resticOutput,
  type TakenSnapshot,
} from './restic.js';

/** mariadb-dump's connection arguments from KEEL_MARIADB_URL; the password goes by environment. */
function dumpConnection(adminUrl: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const options = parseAdminUrl(adminUrl);
  const args = [`--user=${options.user}`];
  if (options.socketPath) args.push(`--socket=${options.socketPath}`);
  else args.push(`--host=${options.host}`, `--port=${options.port}`, '--protocol=tcp');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  if (options.password) env.MYSQL_PWD = options.password;
  return { args, env };
}

/**
 * Streams a consistent dump of one database into the repository as `databases/<name>.sql`:
 * restic 0.14 cannot start the dump itself, so Keel pipes mariadb-dump into `restic backup
 * --stdin`. restic cannot tell a dump that died half-way from a complete one, so the dump's exit
 * status decides: a failed dump's snapshot is forgotten and the error says why.
 */
export async function backupDatabase(
  repository: ResticRepository,
  adminUrl: string,
  database: string,
  tags: string[],
): Promise<TakenSnapshot> {
  const connection = dumpConnection(adminUrl);
  const dump = spawn(
    'mariadb-dump',
    [...connection.args, '--single-transaction', '--routines', '--triggers', '--events', database],
    { env: connection.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  dump.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => {
    dump.once('error', (error) => {
      stderr += error.message;
      resolve(-1);
    });
    dump.once('close', (code) => resolve(code));
  });
  let taken: TakenSnapshot;
  try {
    taken = await backupStream(repository, dump.stdout, `databases/${database}.sql`, tags);
  } catch (error) {
    dump.kill();
    await exited;
    throw error;
  }
  const code = await exited;
  if (code !== 0) {
    await forgetSnapshots(repository, [taken.snapshotId]);
    throw new Error(`the dump of database ${database} failed: ${lastLines(stderr) || `exit ${code}`}`);
  }
  return taken;
}

/**
 * Loads a database's dump from a snapshot back into it: each table in the dump is dropped and
 * made again with the rows it had (tables made since are left alone). Both restic and the
 * mariadb client must succeed.
 */
export async function restoreDatabaseDump(
  repository: ResticRepository,
  adminUrl: string,
  database: string,
  snapshotId: string,
): Promise<void> {
  const connection = dumpConnection(adminUrl);
  const dump = resticOutput(repository, ['dump', snapshotId, `/databases/${database}.sql`]);
  const client = spawn('mariadb', [...connection.args, '--binary-mode', database], {
    env: connection.env,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  client.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  client.stdin.on('error', () => undefined);
  dump.stdout.pipe(client.stdin);
  const loaded = new Promise<number | null>((resolve) => {
    client.once('error', (error) => {
      stderr += error.message;
      resolve(-1);
    });
    client.once('close', (code) => resolve(code));
  });
  const [dumped, code] = await Promise.allSettled([dump.done, loaded]);
  if (dumped.status === 'rejected') throw dumped.reason;
  if (code.status === 'fulfilled' && code.value !== 0) {
    throw new Error(`loading the dump into ${database} failed: ${lastLines(stderr) || `exit ${code.value}`}`);
  }
}
