import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { record } from '../audit/record.js';
import type { BackgroundWorker } from '../background-worker.js';
import { announceBackupJob } from '../backups/announce-backup-job.js';
import { backupJobs } from '../backups/backups.table.js';
import { newRunnerId, runnerGone } from '../backups/runner-identity.js';
import { type Signals, systemContext } from '../context.js';
import type { Database } from '../db/database.js';
import { servers } from '../db/schema/servers.js';
import { wakeReconciler } from '../hosting/resource-changes.js';
import type { AnyResourceKind } from '../hosting/resource-kind.js';
import {
  dataParts,
  dropQueuedJob,
  everyPart,
  type Move,
  nextStep,
  placeOn,
  queueMoveJob,
  unapplied,
} from './move-steps.js';
import { customerMoves } from './moves.table.js';

export interface MoverOptions {
  db: Database;
  signals: Signals;
  panelKey: Buffer;
  log: Pick<FastifyBaseLogger, 'error'>;
  kinds: readonly AnyResourceKind[];
  /** Embedded PGlite: this process is the only panel there can be. */
  sole: boolean;
  /** How often running moves are looked at (each step waits on a job or on the target's services). */
  intervalMs: number;
  /** How long the target may take to apply the customer's resources before the move fails. */
  provisionTimeoutMs?: number;
  now?: () => Date;
}

/** How often the panel looks at running moves: each step waits on a job or on a server's services. */
export const moveCheckMs = 1000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Drives customers' moves, step by step, from the panel: back up on the source; place the
 * customer on the target, whose agent applies its resources while the source still serves; restore
 * the backup there; a short final sync (a second backup and restore of the data); vacate the
 * source. Every step is a backup job run by the server it names, so the files and databases go
 * through the repository both reach. A failure before the source is vacated puts the customer
 * back on the source (which never stopped serving it) and vacates the target; the move reads
 * `failed` with why. A move whose panel process died is failed the same way when a panel starts.
 */
export function mover(options: MoverOptions): BackgroundWorker & { tick(): Promise<void> } {
  const now = options.now ?? (() => new Date());
  const self = newRunnerId();
  const provisionTimeoutMs = options.provisionTimeoutMs ?? 10 * 60_000;
  const ctx = systemContext({
    db: options.db,
    signals: options.signals,
    panelKey: options.panelKey,
    now,
    userAgent: 'keel mover',
  });
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let ticking: Promise<void> | null = null;

  const serverName = async (id: string) =>
    (await options.db.select({ name: servers.name }).from(servers).where(eq(servers.id, id)))[0]?.name ?? id;

  const jobOf = async (move: Move) => {
    if (!move.jobId) return null;
    const [job] = await options.db.select().from(backupJobs).where(eq(backupJobs.id, move.jobId));
    return job ?? null;
  };

  /** Goes on to `step` with the job `queue` adds, in one transaction. */
  async function advance(
    move: Move,
    step: Move['step'],
    job: Parameters<typeof queueMoveJob>[3],
    before?: (tx: Database) => Promise<void>,
  ) {
    await options.db.transaction(async (tx) => {
      await before?.(tx as never);
      const queued = await queueMoveJob(tx, ctx, move, job);
      await nextStep(tx, move, step, queued, now());
    });
    await announceBackupJob(ctx);
  }

  /** Which servers a move's audit events name: the same fields in all three (move-customer.ts). */
  const serversOf = async (move: Move) => ({
    fromServerId: move.fromServerId,
    fromServer: await serverName(move.fromServerId),
    toServerId: move.toServerId,
    toServer: await serverName(move.toServerId),
  });

  async function fail(move: Move, why: string) {
    const placed = move.step !== 'backing-up';
    const named = await serversOf(move);
    await options.db.transaction(async (tx) => {
      await dropQueuedJob(tx, move.jobId);
      if (placed) {
        // Back where it was served all along; the target's copy is taken down.
        await placeOn(tx, options.kinds, move.customerId, move.fromServerId, now());
        await queueMoveJob(tx, ctx, move, { kind: 'vacate', serverId: move.toServerId });
      }
      await tx
        .update(customerMoves)
        .set({ state: 'failed', error: why, jobId: null, finishedAt: now() })
        .where(eq(customerMoves.id, move.id));
      await record(tx, ctx, {
        action: 'customer.move_failed',
        customerId: move.customerId,
        target: { type: 'customer', id: move.customerId },
        details: { ...named, step: move.step, error: why },
      });
    });
    if (placed) {
      wakeReconciler(ctx);
      await announceBackupJob(ctx);
    }
  }

  async function finish(move: Move, leftOnSource: string | null) {
    const named = await serversOf(move);
    await options.db.transaction(async (tx) => {
      await tx
        .update(customerMoves)
        .set({ state: 'done', error: leftOnSource, jobId: null, finishedAt: now() })
        .where(eq(customerMoves.id, move.id));
      await record(tx, ctx, {
        action: 'customer.moved',
        customerId: move.customerId,
        target: { type: 'customer', id: move.customerId },
        details: { ...named, leftOnSource },
      });
    });
  }

  /** One look at a running move: it goes on when what its step waits for has ended. */
  async function step(move: Move) {
    const job = await jobOf(move);
    const source = () => serverName(move.fromServerId);
    const target = () => serverName(move.toServerId);
    if (move.step === 'provisioning') {
      const waiting = await unapplied(options.db, options.kinds, move.customerId);
      if (waiting.count === 0) {
        await advance(move, 'restoring', { kind: 'restore', serverId: move.toServerId, parts: everyPart });
      } else if (now().getTime() - move.stepStartedAt.getTime() > provisionTimeoutMs) {
        await fail(
          move,
          `Server ${await target()} did not apply the customer's resources in time${waiting.error ? `: ${waiting.error}` : ''}.`,
        );
      }
      return;
    }
    if (job === null) {
      // The first step queues its backup; a job gone (a purge removed it) ends the move.
      if (move.step === 'backing-up' && move.jobId === null) {
        await advance(move, 'backing-up', { kind: 'backup', serverId: move.fromServerId });
      } else {
        await fail(move, 'The job the move waited for is gone.');
      }
      return;
    }
    if (job.state === 'queued' || job.state === 'running') return;
    if (job.state === 'failed' && move.step !== 'removing') {
      const where =
        job.kind === 'backup' ? `the backup on ${await source()}` : `the restore on ${await target()}`;
      await fail(move, `${where[0]?.toUpperCase()}${where.slice(1)} failed: ${job.error ?? 'unknown error'}`);
      return;
    }
    if (move.step === 'backing-up') {
      await options.db.transaction(async (tx) => {
        await placeOn(tx, options.kinds, move.customerId, move.toServerId, now());
        await nextStep(tx, move, 'provisioning', { jobId: null }, now());
      });
      wakeReconciler(ctx);
    } else if (move.step === 'restoring') {
      await advance(move, 'syncing', { kind: 'backup', serverId: move.fromServerId });
    } else if (move.step === 'syncing' && job.kind === 'backup') {
      await advance(move, 'syncing', { kind: 'restore', serverId: move.toServerId, parts: dataParts });
    } else if (move.step === 'syncing') {
      await advance(move, 'removing', { kind: 'vacate', serverId: move.fromServerId });
    } else {
      await finish(move, job.state === 'failed' ? `Not removed from ${await source()}: ${job.error}` : null);
    }
  }

  async function tick(): Promise<void> {
    // Moves nobody drives yet become this process's; another live panel's are left to it.
    await options.db
      .update(customerMoves)
      .set({ runner: self })
      .where(and(eq(customerMoves.state, 'running'), isNull(customerMoves.runner)));
    const mine = await options.db
      .select()
      .from(customerMoves)
      .where(and(eq(customerMoves.state, 'running'), eq(customerMoves.runner, self)));
    for (const move of mine) {
      if (stopped) return;
      await step(move).catch((error) =>
        options.log.error({ moveId: move.id, err: error }, `a move's step failed: ${message(error)}`),
      );
    }
  }

  const wake = () => {
    if (stopped || ticking) return ticking ?? Promise.resolve();
    ticking = tick()
      .catch((error) => options.log.error({ err: error }, 'driving moves failed'))
      .finally(() => {
        ticking = null;
      });
    return ticking;
  };
  const onChange = () => void wake();

  /** A move cut short by a panel that stopped is failed and cleaned up, never left running. */
  async function recoverInterrupted() {
    const running = await options.db.select().from(customerMoves).where(eq(customerMoves.state, 'running'));
    for (const move of running) {
      if (move.runner === null || !runnerGone(move.runner, self, options.sole)) continue;
      await fail(move, 'Interrupted: the panel stopped during the move.');
    }
  }

  return {
    async start() {
      stopped = false;
      await recoverInterrupted();
      options.signals.on('movesChanged', onChange);
      timer = setInterval(onChange, options.intervalMs);
      timer.unref();
      void wake();
    },
    async stop() {
      stopped = true;
      options.signals.off('movesChanged', onChange);
      if (timer) clearInterval(timer);
      await ticking;
    },
    tick: () => wake(),
  };
}
