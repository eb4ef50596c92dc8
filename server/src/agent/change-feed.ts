import type { Signals } from '../context.js';

/**
 * Where the feed hears of changes: this process's signals (PGlite: one process is the whole
 * panel), or the notifications of every panel on a shared PostgreSQL, whose positions all panels
 * hear in the same order (database-changes.ts).
 */
export type ChangeSource = 'process' | 'database';

/**
 * The position of the panel's latest "resources changed" or "backup job queued", so an agent's long poll neither misses
 * a change made between two polls (it passes the position it last saw) nor holds a connection
 * busy: it waits until the position moves past that, or the poll's time is up. From the database,
 * every panel answers the same position, so an agent may poll any of them.
 */
export class ChangeFeed {
  private position = 0;
  private readonly waiting = new Set<() => void>();
  private readonly changed = (position?: number) => {
    // A use case's own signal: on a shared database its notification follows in a moment.
    if (this.source === 'database' && position === undefined) return;
    this.position = position ?? this.position + 1;
    this.wakeAll();
  };

  constructor(
    private readonly signals: Signals,
    private readonly source: ChangeSource,
  ) {
    signals.on('resourcesChanged', this.changed);
    signals.on('backupJobQueued', this.changed);
  }

  /** The position once it is not `seen`, or as it is after `timeoutMs`. */
  async after(seen: number, timeoutMs: number): Promise<number> {
    if (this.position !== seen) return this.position;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiting.add(done);
    });
    return this.position;
  }

  /** Answers every open poll at once: the panel is stopping and must not wait for them. */
  close(): void {
    this.signals.off('resourcesChanged', this.changed);
    this.signals.off('backupJobQueued', this.changed);
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const done of [...this.waiting]) done();
  }
}
