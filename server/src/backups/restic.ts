import { type ChildProcess, spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { isRepositoryUrl } from './repository-location.js';

/** One customer's restic repository, opened with its password. */
export interface ResticRepository {
  /** A local directory, or a restic repository URL (`sftp:…`, `rest:…`, `s3:…`). */
  dir: string;
  password: string;
  /** restic's cache of (encrypted) index and tree data, shared by all repositories. */
  cacheDir: string;
}

/** restic's closing line of `backup --json`. */
interface BackupSummary {
  message_type: 'summary';
  snapshot_id: string;
  total_bytes_processed: number;
}

export interface TakenSnapshot {
  snapshotId: string;
  bytes: number;
}

export class ResticError extends Error {}

// The password goes by environment, never by argument (ps shows arguments to every user).
const environment = (repository: ResticRepository): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  RESTIC_REPOSITORY: repository.dir,
  RESTIC_PASSWORD: repository.password,
  RESTIC_CACHE_DIR: repository.cacheDir,
  RESTIC_PROGRESS_FPS: '0.2',
});

function collect(child: ChildProcess): Promise<{ stdout: string; stderr: string; code: number | null }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ stdout, stderr, code }));
  });
}

/** The last lines of a program's error output: what a person needs to see why it failed. */
export function lastLines(text: string, count = 3): string {
  return text.trim().split('\n').slice(-count).join(' ').slice(0, 500);
}

/**
 * Runs restic with its output as a stream (`dump` of a database into mariadb); `done` settles when
 * restic has exited, with a ResticError when it failed.
 */
export function resticOutput(repository: ResticRepository, args: string[]) {
  const child = spawn('restic', args, { env: environment(repository), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new ResticError(`restic ${args[0]} failed: ${lastLines(stderr) || `exit ${code}`}`)),
    );
  });
  return { stdout: child.stdout, done, stop: () => child.kill() };
}

/** Runs restic on the repository with an argument array; its output, or a ResticError saying why. */
export async function restic(
  repository: ResticRepository,
  args: string[],
  options: { cwd?: string; stdin?: Readable } = {},
): Promise<string> {
  const child = spawn('restic', args, {
    cwd: options.cwd,
    env: environment(repository),
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  if (options.stdin && child.stdin) {
    // restic ending early (a full disk) must fail the run, not crash the server with EPIPE.
    child.stdin.on('error', () => undefined);
    options.stdin.pipe(child.stdin);
  }
  const { stdout, stderr, code } = await collect(child);
  if (code !== 0) throw new ResticError(`restic ${args[0]} failed: ${lastLines(stderr) || `exit ${code}`}`);
  return stdout;
}

export async function repositoryExists(repository: ResticRepository): Promise<boolean> {
  // A remote backend is asked by restic itself; a local one by its config file, without a process.
  const found = isRepositoryUrl(repository.dir)
    ? restic(repository, ['cat', 'config'])
    : access(path.join(repository.dir, 'config'));
  return found.then(
    () => true,
    () => false,
  );
}

/** Makes the repository (version 2, so its data is compressed) unless it is there already. */
export async function initRepository(repository: ResticRepository): Promise<void> {
  if (await repositoryExists(repository)) return;
  await restic(repository, ['init', '--repository-version', '2']);
}

function summaryOf(output: string): TakenSnapshot {
  for (const line of output.trim().split('\n').reverse()) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line) as Partial<BackupSummary>;
    if (message.message_type === 'summary' && message.snapshot_id) {
      return { snapshotId: message.snapshot_id, bytes: message.total_bytes_processed ?? 0 };
    }
  }
  throw new ResticError('restic backup finished without naming its snapshot');
}

const tagArgs = (tags: string[]) => tags.flatMap((tag) => ['--tag', tag]);

/**
 * Backs up a directory with paths relative to it (restic runs inside it and saves `.`), so the
 * snapshot restores anywhere: on another server, under another home.
 */
export async function backupDirectory(
  repository: ResticRepository,
  dir: string,
  tags: string[],
): Promise<TakenSnapshot> {
  const output = await restic(repository, ['backup', '--json', '--host', 'keel', ...tagArgs(tags), '.'], {
    cwd: dir,
  });
  return summaryOf(output);
}

/** Backs up a stream as one file of the snapshot. */
export async function backupStream(
  repository: ResticRepository,
  stream: Readable,
  filename: string,
  tags: string[],
): Promise<TakenSnapshot> {
  const output = await restic(
    repository,
    ['backup', '--json', '--host', 'keel', ...tagArgs(tags), '--stdin', '--stdin-filename', filename],
    { stdin: stream },
  );
  return summaryOf(output);
}

/** Removes snapshots and the data only they held (prune locks the repository while it runs). */
export async function forgetSnapshots(repository: ResticRepository, snapshotIds: string[]): Promise<void> {
  if (snapshotIds.length === 0) return;
  await restic(repository, ['forget', '--prune', ...snapshotIds]);
}

/** Every snapshot in the repository (id and tags), for clean-ups and checks. */
export async function listSnapshots(repository: ResticRepository): Promise<{ id: string; tags: string[] }[]> {
  const output = await restic(repository, ['snapshots', '--json']);
  return (JSON.parse(output) as { id: string; tags?: string[] }[]).map((snapshot) => ({
    id: snapshot.id,
    tags: snapshot.tags ?? [],
  }));
}

/** Removes the locks a killed restic left behind. */
export async function unlockRepository(repository: ResticRepository): Promise<void> {
  await restic(repository, ['unlock']);
}
