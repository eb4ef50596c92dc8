import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { backupDatabase, restoreDatabaseDump } from '../../server/src/backups/database-dump.js';
import { newRepositoryPassword } from '../../server/src/backups/repository-key.js';
import {
  backupDirectory,
  initRepository,
  type ResticRepository,
  restic,
} from '../../server/src/backups/restic.js';
import {
  changeOnePercent,
  changeOnePercentOfRows,
  connect,
  dropDatabase,
  fillDatabase,
  seeded,
  writeHome,
} from './fixture.js';

const run = promisify(execFile);

const usage = `npm run bench:backups -- [--files-mb N] [--database-mb N]
  Backs up a customer with N MB of files (half many small text files, half 100 MB binaries;
  default 1024) and a MariaDB database of N MB (default 500) into a restic repository the way
  Keel does, changes 1 % of both, backs up again, and restores everything; reports times,
  throughput and the repository's size. Fixed seed: every run writes the same bytes.
  KEEL_MARIADB_URL  MariaDB admin connection (default: root over /run/mysqld/mysqld.sock)`;

const mb = (bytes: number) => bytes / 1024 / 1024;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function timed<T>(what: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await what();
  return { result, seconds: seconds(start) };
}

async function diskUsage(dir: string): Promise<number> {
  const { stdout } = await run('du', ['-sb', dir]);
  return Number(stdout.split('\t')[0]);
}

/** The files, then the database's dump, timed apart: the dump is read whole every time. */
async function backUp(repository: ResticRepository, home: string, mariadbUrl: string, database: string) {
  const tags = ['keel-bench'];
  const files = await timed(() => backupDirectory(repository, home, tags));
  const dump = await timed(() => backupDatabase(repository, mariadbUrl, database, tags));
  return { files: files.seconds, dump: dump.seconds };
}

const parts = (backup: { files: number; dump: number }) =>
  `files ${backup.files.toFixed(1)} s, database ${backup.dump.toFixed(1)} s`;

async function main() {
  const { values } = parseArgs({
    options: {
      'files-mb': { type: 'string', default: '1024' },
      'database-mb': { type: 'string', default: '500' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const filesMb = Number(values['files-mb']);
  const databaseMb = Number(values['database-mb']);
  if (!(filesMb > 0 && databaseMb > 0)) throw new Error(usage);
  const mariadbUrl = process.env.KEEL_MARIADB_URL ?? 'mysql://root@localhost/?socket=/run/mysqld/mysqld.sock';
  const work = await mkdtemp(path.join(tmpdir(), 'keel-bench-backups-'));
  const home = path.join(work, 'home');
  const database = 'keel_bench_backups';
  const random = seeded(20261205);
  const repository: ResticRepository = {
    dir: path.join(work, 'repository'),
    password: newRepositoryPassword(),
    cacheDir: path.join(work, 'cache'),
  };
  try {
    console.log(`Writing ${filesMb} MB of files and a ${databaseMb} MB database …`);
    const files = await writeHome(home, filesMb, random);
    const rows = await fillDatabase(mariadbUrl, database, databaseMb, random);
    const connection = await connect(mariadbUrl);
    // InnoDB's table sizes lag behind fresh inserts until the statistics are read again.
    await connection.query('ANALYZE TABLE ??.orders', [database]);
    const [sizes] = (await connection.query(
      'SELECT SUM(data_length + index_length) AS bytes FROM information_schema.tables WHERE table_schema = ?',
      [database],
    )) as unknown as [{ bytes: number }[]];
    const [version] = (await connection.query('SELECT version() AS version')) as unknown as [
      { version: string }[],
    ];
    await connection.end();
    const databaseBytes = Number(sizes[0]?.bytes ?? 0);
    const sourceBytes = files.bytes + databaseBytes;
    await initRepository(repository);

    const first = await timed(() => backUp(repository, home, mariadbUrl, database));
    const afterFirst = await diskUsage(repository.dir);
    await changeOnePercent(files, random);
    await changeOnePercentOfRows(mariadbUrl, database, rows, random);
    const second = await timed(() => backUp(repository, home, mariadbUrl, database));
    const afterSecond = await diskUsage(repository.dir);

    const snapshots = JSON.parse(
      await restic(repository, ['snapshots', '--json', '--latest', '1', '--path', home]),
    );
    const filesSnapshot = snapshots[0]?.id as string;
    const dumps = JSON.parse(await restic(repository, ['snapshots', '--json']))
      .filter((snapshot: { paths: string[] }) => snapshot.paths[0]?.startsWith('/databases/'))
      .at(-1)?.id as string;
    const target = path.join(work, 'restored');
    const restore = await timed(async () => {
      await restic(repository, ['restore', filesSnapshot, '--target', target]);
      await restoreDatabaseDump(repository, mariadbUrl, database, dumps);
    });

    const report = [
      `Backups benchmark, ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${(await run('restic', ['version'])).stdout.trim().split(' compiled')[0]}, MariaDB ${version[0]?.version}`,
      '',
      `Source: ${mb(files.bytes).toFixed(0)} MB in ${files.small.length + files.large.length} files (${files.small.length} of 32 KiB text, ${files.large.length} of 100 MiB binary) and a database of ${mb(databaseBytes).toFixed(0)} MB on disk (${rows} rows of 1 KB).`,
      '',
      '| step | time | throughput | repository after |',
      '| --- | --- | --- | --- |',
      `| first backup | ${first.seconds.toFixed(1)} s (${parts(first.result)}) | ${(mb(sourceBytes) / first.seconds).toFixed(0)} MB/s | ${mb(afterFirst).toFixed(0)} MB |`,
      `| second backup, 1 % changed | ${second.seconds.toFixed(1)} s (${((second.seconds / first.seconds) * 100).toFixed(0)} % of the first; ${parts(second.result)}) | ${(mb(sourceBytes) / second.seconds).toFixed(0)} MB/s scanned | ${mb(afterSecond).toFixed(0)} MB (+${mb(afterSecond - afterFirst).toFixed(0)} MB) |`,
      `| full restore (files, then the dump loaded) | ${restore.seconds.toFixed(1)} s | ${(mb(sourceBytes) / restore.seconds).toFixed(0)} MB/s | – |`,
    ].join('\n');
    console.log(`\n${report}`);
  } finally {
    await dropDatabase(mariadbUrl, database);
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
