import { randomUUID } from 'node:crypto';
import type { BackgroundWorker } from '../background-worker.js';
import type { Signals } from '../context.js';
import { homeDirectory } from '../provisioning/drivers/files/customer-homes.js';
import { keptOutput, type OutputLimits } from './cron-output.js';
import type { DueRun } from './cron-run-claims.js';
import type { CronRunStore } from './cron-run-store.js';
import { runCronCommand } from './run-cron-command.js';

export interface CronSchedulerOptions {
  /** The jobs of the server this machine is: the panel's local one, or an agent's. */
  store: CronRunStore;
  /** Its `resourcesChanged` wakes the check of running jobs (a customer suspended). */
  signals: Signals;
  log: { error(object: unknown, message: string): void };
  /** This machine's customers' homes, where the jobs run. */
  homesDir: string;
  /** KEEL_CRON_TIMEOUT_SECONDS: a run still going after it is killed. */
  timeoutMs: number;
  /** The clock a run's start is recorded on. */
  now?: () => Date;
  output?: OutputLimits;
}

/** Runs this process has going at once; due jobs beyond them start as runs end. */
const MAX_RUNS = 32;
/** How often running jobs are checked against their customer and switch, besides every change here. */
const WATCH_MS = 5000;
/** A run's lease outlasts its time limit by this much: killing and recording it takes a moment. */
const LEASE_MARGIN_MS = 60_000;

const untilNextMinute = () => 60_000 - (Date.now() % 60_000) + 50;

/**
 * Keel's cron, one per hosting server, on its machine: at every minute it takes the server's jobs
 * due (cron-run-store.ts, once across every Keel process) and runs each as its customer's own
 * user (run-cron-command.ts), recording the exit code and the output's tail as the job's last run.
 * A job switched off, or whose customer is suspended, deleted or purged, is killed mid-run:
 * nothing of such a customer executes.
 */
export function cronScheduler(options: CronSchedulerOptions): BackgroundWorker & {
  /** Takes and runs what is due now; resolves when those runs have ended: for tests. */
  runDue(): Promise<void>;
  /** Kills the runs whose job may no longer run; resolves once they are recorded: for tests. */
  watch(): Promise<void>;
} {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const owner = `keel-cron-${process.pid}-${randomUUID().slice(0, 8)}`;
  const running = new Map<string, { stop: AbortController; ended: Promise<void> }>();
  let tick: NodeJS.Timeout | undefined;
  let watcher: NodeJS.Timeout | undefined;
  let stopping = false;
  let backlog = false;

  async function run(job: DueRun): Promise<void> {
    const at = now();
    const stop = new AbortController();
    const ended = runCronCommand(
      { command: job.command, uid: job.uid, home: homeDirectory(options.homesDir, job.customerId) },
      { timeoutMs: options.timeoutMs, output: options.output ?? keptOutput },
      stop.signal,
    )
      .then(async (result) => {
        await store.recordRun(owner, job.id, { at, ...result });
      })
      .catch((error) => options.log.error({ err: error, cronJobId: job.id }, 'cron job run not recorded'))
      .finally(() => {
        running.delete(job.id);
        if (backlog && !stopping) void runDue();
      });
    running.set(job.id, { stop, ended });
    return ended;
  }

  async function runDue(): Promise<void> {
    const free = MAX_RUNS - running.size;
    if (stopping) return;
    if (free <= 0) {
      backlog = true;
      return;
    }
    let runs: DueRun[];
    try {
      runs = await store.claimDueRuns(owner, options.timeoutMs + LEASE_MARGIN_MS, free);
    } catch (error) {
      options.log.error({ err: error }, 'cron jobs could not be claimed');
      return;
    }
    backlog = runs.length === free;
    await Promise.all(runs.map(run));
  }

  async function watch(): Promise<void> {
    const ids = [...running.keys()];
    if (ids.length === 0) return;
    const allowed = await store.stillRunnable(ids).catch((error) => {
      options.log.error({ err: error }, 'running cron jobs could not be checked');
      return new Set(ids);
    });
    const ending = ids.filter((id) => !allowed.has(id)).map((id) => running.get(id));
    for (const entry of ending) entry?.stop.abort('the job was switched off or its customer suspended');
    await Promise.all(ending.map((entry) => entry?.ended));
  }

  const onChange = () => void watch();
  function everyMinute() {
    tick = setTimeout(() => {
      everyMinute();
      void runDue();
    }, untilNextMinute());
    tick.unref();
  }

  return {
    async start() {
      options.signals.on('resourcesChanged', onChange);
      watcher = setInterval(onChange, WATCH_MS);
      watcher.unref();
      everyMinute();
      void runDue();
    },
    async stop() {
      stopping = true;
      options.signals.off('resourcesChanged', onChange);
      clearTimeout(tick);
      clearInterval(watcher);
      const ending = [...running.values()];
      for (const entry of ending) entry.stop.abort('Keel stopped');
      await Promise.all(ending.map((entry) => entry.ended));
    },
    runDue,
    watch,
  };
}
