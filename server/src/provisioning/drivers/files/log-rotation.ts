import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceLog } from '../process/supervised-process.js';

/** How large a service's log may grow and how many rotated files of it are kept. */
export interface LogBounds {
  maxBytes: number;
  keep: number;
  /** How often the logs are measured. */
  checkMs: number;
}

/** KEEL_LOG_MAX_MB, KEEL_LOG_KEEP and KEEL_LOG_CHECK_SECONDS when not set. */
export const defaultLogBounds: LogBounds = { maxBytes: 50 * 1024 * 1024, keep: 5, checkMs: 300_000 };

async function sizeOf(file: string): Promise<number> {
  return stat(file).then(
    (found) => found.size,
    () => 0,
  );
}

/**
 * Moves a log over its bound aside: `log.<keep-1>` → `log.<keep>` … `log` → `log.1`, the oldest
 * dropped. The service keeps writing to the moved file until it reopens its logs.
 */
export async function rotateIfOver(
  log: string,
  bounds: Pick<LogBounds, 'maxBytes' | 'keep'>,
): Promise<boolean> {
  if ((await sizeOf(log)) <= bounds.maxBytes) return false;
  await rm(`${log}.${bounds.keep}`, { force: true });
  for (let index = bounds.keep - 1; index >= 1; index -= 1) {
    await rename(`${log}.${index}`, `${log}.${index + 1}`).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  await rename(log, `${log}.1`);
  return true;
}

/** The logs (`*.log`) directly in these directories. */
async function logsIn(dirs: readonly string[]): Promise<string[]> {
  const found = await Promise.all(
    dirs.map(async (dir) =>
      (await readdir(dir).catch(() => [] as string[]))
        .filter((name) => name.endsWith('.log'))
        .map((name) => path.join(dir, name)),
    ),
  );
  return found.flat();
}

export interface LogRotationOptions {
  /** The service's name in messages, e.g. nginx. */
  service: string;
  /** Where the service writes its logs; every `*.log` in them is bounded. */
  dirs: readonly string[];
  bounds: LogBounds;
  /** Makes the service reopen its logs by its own signal (nginx and php-fpm: SIGUSR1). */
  reopen(): void;
  log?: ServiceLog;
}

/**
 * Keeps a service's logs within their bounds: measured every `checkMs`, an oversized one is
 * rotated and the service told once to reopen, so it writes to a new file and never past
 * (keep + 1) × maxBytes per log, give or take one interval of writing.
 */
export class LogRotation {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;

  constructor(private readonly options: LogRotationOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.rotateNow(), this.options.bounds.checkMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Rotates what is over its bound now; answers how many logs it rotated. */
  rotateNow(): Promise<number> {
    this.running ??= this.rotate().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async rotate(): Promise<number> {
    const { bounds, service } = this.options;
    let rotated = 0;
    for (const log of await logsIn(this.options.dirs)) {
      try {
        if (await rotateIfOver(log, bounds)) rotated += 1;
      } catch (error) {
        this.options.log?.warn(`could not rotate ${service}'s log ${log}: ${(error as Error).message}`);
      }
    }
    if (rotated > 0) {
      this.options.reopen();
      this.options.log?.info(`rotated ${rotated} of ${service}'s logs`);
    }
    return rotated;
  }
}
